//! `verify --batch`'s plumbing: standard input read as bytes a line at a time (a line that is
//! not UTF-8 is verified lossily, and the verifier is told where its first bad byte is, so
//! that its JSON line says so), the lines spread over worker threads a chunk at a time, and
//! the JSON lines written in input order. Every line in gets one line out, or the run ends
//! with a message saying what stopped it and how many lines were written: a worker that
//! panics, a read error and a write error all reach the exit code.

use std::io::{BufRead, Write};

use crate::batch::{InputLine, LineVerdict};

/// Lines are read and verified a chunk at a time: memory stays the same whatever the input's
/// length.
const CHUNK: usize = 8_192;

/// Text read from bytes, with U+FFFD for what is not UTF-8, and the offset of the first byte
/// that was not (`None`: the bytes were UTF-8).
pub fn lossy_text(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            (String::from_utf8_lossy(error.as_bytes()).into_owned(), Some(offset))
        }
    }
}

/// One line of input as read, without its line break.
struct ReadLine {
    text: String,
    /// Where the first byte that is not UTF-8 is, when there is one.
    invalid_utf8_at: Option<usize>,
}

impl ReadLine {
    fn from_bytes(mut bytes: Vec<u8>) -> Self {
        // As `BufRead::lines` does: the '\n', and a '\r' before it.
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        let (text, invalid_utf8_at) = lossy_text(bytes);
        Self { text, invalid_utf8_at }
    }
}

/// Reads up to [`CHUNK`] lines, and the error that ended reading early, if one did (the
/// lines read before it are still answered).
fn read_chunk(input: &mut impl BufRead) -> (Vec<ReadLine>, Option<String>) {
    let mut lines = Vec::new();
    while lines.len() < CHUNK {
        let mut bytes = Vec::new();
        match input.read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(_) => lines.push(ReadLine::from_bytes(bytes)),
            Err(error) => {
                if !bytes.is_empty() {
                    lines.push(ReadLine::from_bytes(bytes));
                }
                return (lines, Some(format!("cannot read standard input: {error}")));
            }
        }
    }
    (lines, None)
}

/// One worker's share of a chunk: its JSON lines, and what each came to.
struct Share {
    text: Vec<u8>,
    verdicts: Vec<LineVerdict>,
}

fn verify_share(
    verify: &impl Fn(InputLine<'_>, &mut Vec<u8>) -> LineVerdict,
    first: usize,
    lines: &[ReadLine],
) -> Share {
    let mut text = Vec::new();
    let mut verdicts = Vec::with_capacity(lines.len());
    for (number, line) in (first..).zip(lines) {
        let line = InputLine { number, text: &line.text, utf8_error_offset: line.invalid_utf8_at };
        verdicts.push(verify(line, &mut text));
        text.push(b'\n');
    }
    Share { text, verdicts }
}

/// Why a batch ended before its input did.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// The reader closed the pipe: nobody is left to tell, so the batch ends quietly.
    ReaderGone,
    /// What went wrong, and how many lines were written before it.
    Failed(String),
}

/// What a batch has written so far.
#[derive(Debug, Default)]
pub struct Totals {
    /// Lines written.
    pub lines: usize,
    /// Lines written whose checks did not all pass.
    pub failed: usize,
    /// Keyed by (kind, status name): a handful of entries, counted without allocating.
    pub counts: std::collections::BTreeMap<(&'static str, &'static str), usize>,
}

impl Totals {
    /// Writes shares' JSON lines in order, counting the lines of each once it is written.
    fn write(&mut self, out: &mut impl Write, shares: Vec<Share>) -> Result<(), Stop> {
        for Share { text, verdicts } in shares {
            out.write_all(&text).map_err(|error| self.stopped_by(&error))?;
            for verdict in verdicts {
                self.lines += 1;
                self.failed += usize::from(!verdict.passed);
                *self.counts.entry(("verdict", verdict.outcome.name())).or_default() += 1;
                *self.counts.entry(("signature", verdict.signature)).or_default() += 1;
                *self.counts.entry(("time", verdict.time)).or_default() += 1;
            }
        }
        Ok(())
    }

    fn stopped_by(&self, error: &std::io::Error) -> Stop {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Stop::ReaderGone
        } else {
            Stop::Failed(format!("cannot write to standard output: {error}; {}", self.written()))
        }
    }

    fn written(&self) -> String {
        format!("the first {} lines were written", self.lines)
    }
}

/// Verifies every line of `input` with `verify(line, out)` (which appends one JSON object)
/// on `threads` threads, and writes the JSON lines to `out` in input order.
pub fn run<V>(input: &mut impl BufRead, out: &mut impl Write, threads: usize, verify: &V) -> Result<Totals, Stop>
where
    V: Fn(InputLine<'_>, &mut Vec<u8>) -> LineVerdict + Sync,
{
    let mut totals = Totals::default();
    let (mut chunk, mut read_error) = read_chunk(input);
    let mut pending: Vec<Share> = Vec::new();
    let mut panicked = None;
    let mut first = 1;
    while !chunk.is_empty() {
        let per_thread = chunk.len().div_ceil(threads.max(1));
        // While the workers verify this chunk, this thread writes the previous chunk's lines
        // and reads the next chunk, so reading and writing do not leave a core idle.
        let (shares, written, next) = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(per_thread)
                .enumerate()
                .map(|(part, lines)| {
                    let from = first + part * per_thread;
                    (from..from + lines.len(), scope.spawn(move || verify_share(verify, from, lines)))
                })
                .collect();
            let written = totals.write(out, std::mem::take(&mut pending));
            let next = if read_error.is_none() { read_chunk(input) } else { (Vec::new(), None) };
            let shares: Vec<_> = handles
                .into_iter()
                .map(|(lines, handle)| {
                    handle.join().map_err(|_| format!("a worker panicked on lines {}–{}", lines.start, lines.end - 1))
                })
                .collect();
            (shares, written, next)
        });
        written?;
        first += chunk.len();
        // The lines before a panicked share are written; the run stops after them.
        for share in shares {
            match share {
                Ok(share) => pending.push(share),
                Err(message) => {
                    panicked = Some(message);
                    break;
                }
            }
        }
        if panicked.is_some() {
            break;
        }
        let (next_chunk, next_error) = next;
        chunk = next_chunk;
        read_error = read_error.or(next_error);
    }
    totals.write(out, pending)?;
    out.flush().map_err(|error| totals.stopped_by(&error))?;
    match panicked.or(read_error) {
        Some(message) => Err(Stop::Failed(format!("{message}; {}", totals.written()))),
        None => Ok(totals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict() -> LineVerdict {
        LineVerdict {
            passed: true,
            outcome: crate::jose::verdict::Outcome::Accepted,
            signature: "valid",
            time: "valid",
        }
    }

    /// A verifier that writes only the line number, the text's length, and where the first
    /// byte that was not UTF-8 was.
    fn echo(line: InputLine<'_>, out: &mut Vec<u8>) -> LineVerdict {
        let InputLine { number, text, utf8_error_offset } = line;
        out.extend_from_slice(format!("{{\"line\":{number},\"len\":{}", text.len()).as_bytes());
        if let Some(offset) = utf8_error_offset {
            out.extend_from_slice(format!(",\"utf8_error_offset\":{offset}").as_bytes());
        }
        out.push(b'}');
        verdict()
    }

    fn numbered_lines(count: usize) -> Vec<u8> {
        (1..=count).flat_map(|n| format!("line {n}\n").into_bytes()).collect()
    }

    #[test]
    fn every_line_is_answered_in_order_whatever_its_bytes_and_line_ending() {
        let input = b"first\r\n\ncaf\xe9\r\nlast without a line break";
        let mut out = Vec::new();
        let totals = run(&mut &input[..], &mut out, 3, &echo).expect("runs");
        assert_eq!(totals.lines, 4);
        let out = String::from_utf8(out).expect("UTF-8");
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            [
                r#"{"line":1,"len":5}"#,
                r#"{"line":2,"len":0}"#,
                r#"{"line":3,"len":6,"utf8_error_offset":3}"#,
                r#"{"line":4,"len":25}"#,
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_marked_in_the_verifiers_json_object() {
        let keys = [crate::jose::keys::secret_from_text("secret", crate::jose::keys::SecretEncoding::Utf8, "test")
            .expect("secret")];
        let settings = crate::inspection::Settings::default();
        let verifier = crate::batch::BatchVerifier::new(&keys, &settings, chrono::DateTime::UNIX_EPOCH);
        let (text, offset) = lossy_text(b"caf\xe9 au lait".to_vec());
        let mut out = Vec::new();
        verifier.verify(InputLine { number: 7, text: &text, utf8_error_offset: offset }, &mut out);
        let line: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
        assert_eq!(line["line"], 7);
        assert_eq!(line["error"], "no token on this line");
        assert_eq!(line["input_utf8"], false);
        assert_eq!(line["utf8_error_offset"], 3);
    }

    #[test]
    fn chunks_are_numbered_on_from_the_one_before() {
        let count = CHUNK * 2 + 5;
        let mut out = Vec::new();
        let totals = run(&mut &numbered_lines(count)[..], &mut out, 2, &echo).expect("runs");
        assert_eq!(totals.lines, count);
        let out = String::from_utf8(out).expect("UTF-8");
        for (n, line) in (1..).zip(out.lines()) {
            assert!(line.starts_with(&format!("{{\"line\":{n},")), "{line}");
        }
    }

    #[test]
    fn a_worker_that_panics_stops_the_run_after_the_lines_before_its_share() {
        let panics_on_8 = |line: InputLine<'_>, out: &mut Vec<u8>| {
            assert_ne!(line.number, 8, "a bug on line 8");
            echo(line, out)
        };
        let mut out = Vec::new();
        let stop = run(&mut &numbered_lines(10)[..], &mut out, 2, &panics_on_8).expect_err("stops");
        assert_eq!(stop, Stop::Failed("a worker panicked on lines 6–10; the first 5 lines were written".to_owned()));
        assert_eq!(String::from_utf8(out).expect("UTF-8").lines().count(), 5);
    }

    /// Accepts `room` bytes, then fails with `kind`.
    struct Full {
        room: usize,
        kind: std::io::ErrorKind,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(self.kind.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_says_how_many_lines_were_written_and_a_closed_pipe_ends_quietly() {
        let input = numbered_lines(CHUNK + 1);
        let mut everything = Vec::new();
        run(&mut &input[..], &mut everything, 1, &echo).expect("runs");
        // Room for the first chunk's lines and a little of the next.
        let first_chunk = everything.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(CHUNK - 1).expect("lines").0;
        let mut disk_full = Full { room: first_chunk + 4, kind: std::io::ErrorKind::StorageFull };
        let stop = run(&mut &input[..], &mut disk_full, 1, &echo).expect_err("stops");
        let Stop::Failed(message) = stop else { panic!("{stop:?}") };
        assert!(message.starts_with("cannot write to standard output: "), "{message}");
        assert!(message.ends_with(&format!("the first {CHUNK} lines were written")), "{message}");
        let mut closed = Full { room: 0, kind: std::io::ErrorKind::BrokenPipe };
        assert_eq!(run(&mut &input[..], &mut closed, 1, &echo).expect_err("stops"), Stop::ReaderGone);
    }
}
