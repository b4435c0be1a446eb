//! Inspection time against input size (`cargo bench --bench input_size`): `Inspection::new`
//! on 1, 4 and 16 MB of text that is hard for extraction, so a super-linear path shows up as
//! a 16 MB time far above 16× the 1 MB time.
//! - `base64_lines`: random standard base64 (`+`, `/`) in 76-column lines, like a
//!   certificate bundle: `ey` after `+` or `/` starts a candidate, and every line continues
//!   the one before it;
//! - `printable`: random printable ASCII on one line;
//! - `base64url_run`: one run of base64url characters without a dot;
//! - `eyj_repeated`: `eyJ` over and over;
//! - `log`: log lines with a token on every tenth (12,294 lines at 1 MB, 193,675 at 16 MB).
//!
//! `floor_copy_mb` copies 1, 4 and 16 MB and counts the dots in the copy: no inspection does
//! less with a big input (it keeps a copy of the token), and on a machine whose cache holds
//! 1 MB but not 16 MB, its 16 MB / 1 MB ratio shows what memory alone adds to the ratio.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, reason = "a benchmark fails loudly")]

use std::fmt::Write as _;

use chrono::DateTime;
use divan::{Bencher, black_box};
use jwt_inspector::{Inspection, Settings};

fn main() {
    divan::main();
}

const MEGABYTES: [usize; 3] = [1, 4, 16];

/// A fixed xorshift sequence: the same input on every run, without a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).expect("fits")
    }

    fn pick(&mut self, alphabet: &[u8]) -> u8 {
        alphabet[self.below(alphabet.len())]
    }
}

const STANDARD: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64_lines(size: usize) -> String {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut text = Vec::with_capacity(size);
    while text.len() < size {
        text.extend((0..76).map(|_| random.pick(STANDARD)));
        text.push(b'\n');
    }
    String::from_utf8(text).expect("ASCII")
}

fn printable(size: usize) -> String {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let alphabet: Vec<u8> = (b' '..=b'~').collect();
    String::from_utf8((0..size).map(|_| random.pick(&alphabet)).collect()).expect("ASCII")
}

fn base64url_run(size: usize) -> String {
    let mut random = Random(0x853c_49e6_748f_ea9b);
    String::from_utf8((0..size).map(|_| random.pick(URL_SAFE)).collect()).expect("ASCII")
}

fn eyj_repeated(size: usize) -> String {
    "eyJ".repeat(size / 3)
}

fn log(size: usize) -> String {
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    let mut text = String::with_capacity(size + 256);
    let mut line = 0;
    while text.len() < size {
        line += 1;
        if line % 10 == 0 {
            writeln!(text, "2026-05-01T12:00:{:02}Z INFO auth request={line} Authorization: Bearer {TOKEN}", line % 60)
                .unwrap();
        } else {
            writeln!(text, "2026-05-01T12:00:{:02}Z DEBUG handler request={line} status=200 bytes=5120", line % 60)
                .unwrap();
        }
    }
    text
}

/// What is inspected: a kind of text at a size.
#[derive(Clone, Copy, Debug)]
enum Input {
    Base64Lines(usize),
    Printable(usize),
    Base64urlRun(usize),
    EyjRepeated(usize),
    Log(usize),
}

impl Input {
    const ALL: [Self; 15] = {
        use Input::{Base64Lines, Base64urlRun, EyjRepeated, Log, Printable};
        [
            Base64Lines(1),
            Base64Lines(4),
            Base64Lines(16),
            Printable(1),
            Printable(4),
            Printable(16),
            Base64urlRun(1),
            Base64urlRun(4),
            Base64urlRun(16),
            EyjRepeated(1),
            EyjRepeated(4),
            EyjRepeated(16),
            Log(1),
            Log(4),
            Log(16),
        ]
    };

    fn text(self) -> String {
        match self {
            Self::Base64Lines(megabytes) => base64_lines(megabytes << 20),
            Self::Printable(megabytes) => printable(megabytes << 20),
            Self::Base64urlRun(megabytes) => base64url_run(megabytes << 20),
            Self::EyjRepeated(megabytes) => eyj_repeated(megabytes << 20),
            Self::Log(megabytes) => log(megabytes << 20),
        }
    }
}

impl std::fmt::Display for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, megabytes) = match *self {
            Self::Base64Lines(megabytes) => ("base64_lines", megabytes),
            Self::Printable(megabytes) => ("printable", megabytes),
            Self::Base64urlRun(megabytes) => ("base64url_run", megabytes),
            Self::EyjRepeated(megabytes) => ("eyj_repeated", megabytes),
            Self::Log(megabytes) => ("log", megabytes),
        };
        write!(f, "{kind} {megabytes} MB")
    }
}

#[divan::bench(args = Input::ALL, sample_count = 10, sample_size = 1)]
fn inspect(bencher: Bencher<'_, '_>, input: Input) {
    let text = input.text();
    let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
    bencher.bench(|| Inspection::new(black_box(&text), &[], &Settings::default(), now));
}

#[divan::bench(args = MEGABYTES, sample_count = 10, sample_size = 1)]
fn floor_copy_mb(bencher: Bencher<'_, '_>, megabytes: usize) {
    let input = base64url_run(megabytes << 20);
    bencher.bench(|| {
        let copy = black_box(input.as_str()).to_owned();
        let dots = copy.split('.').count();
        (copy, dots)
    });
}
