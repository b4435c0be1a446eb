//! Where a token that starts at a given place in the input ends, and whether it has a JWT's
//! shape, for every place a token could start, in time linear in the input's length.

use std::fmt::Write as _;

use super::{Candidate, has_jwt_shape};
use crate::jose::json::Span;
use crate::jose::scan::{Next, Window, count, run_len};

#[allow(
    clippy::needless_bitwise_bool,
    reason = "`|`, not `||`: no branches, so the search for token starts vectorises"
)]
fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() | (b == b'-') | (b == b'_')
}

// Characters a leniently-encoded token may contain ('+', '/' and '=' from standard base64).
#[allow(clippy::needless_bitwise_bool, reason = "`|`, not `||`: no branches, so scanning runs vectorise")]
fn is_token_char(b: u8) -> bool {
    b.is_ascii_lowercase()
        | b.is_ascii_uppercase()
        | b.is_ascii_digit()
        | (b == b'-')
        | (b == b'_')
        | (b == b'.')
        | (b == b'+')
        | (b == b'/')
        | (b == b'=')
}

// The characters that carry bits in a segment: a token character that is neither '.' nor '='.
#[allow(clippy::needless_bitwise_bool, reason = "`&`, not `&&`: no branches, so scanning runs vectorise")]
fn is_data_char(b: u8) -> bool {
    is_token_char(b) & (b != b'.') & (b != b'=')
}

// What separates the lines of a wrapped token: line breaks and indentation.
fn is_wrap_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where the line after `pos` starts, when a line break (LF or CRLF) stands at `pos`.
fn line_break_at(bytes: &[u8], pos: usize) -> Option<usize> {
    let lf = if bytes.get(pos) == Some(&b'\r') { pos + 1 } else { pos };
    (bytes.get(lf) == Some(&b'\n')).then_some(lf + 1)
}

/// The first run of token characters on a line, after its indentation: what a token wrapped
/// onto that line would continue with.
#[derive(Clone, Copy, Debug)]
struct Line {
    run: Span,
    dots: usize,
    /// The run looks like a token of its own ("ey" and two dots), not a continuation.
    fresh: bool,
    /// Nothing but a line break (or the end of the text) follows the run.
    break_follows: bool,
    /// Where the next line starts, when a line break follows the run.
    next: Option<usize>,
}

impl Line {
    /// Whether a token that has `dots` dots so far continues onto this line: a run that fills
    /// its line continues it; one followed by more text only while the token is too short to
    /// be complete.
    fn continues(&self, dots: usize) -> bool {
        self.run.start < self.run.end && !self.fresh && (self.break_follows || dots < 2)
    }

    /// Whether a token wrapped onto this line goes on to the next, however many dots it has.
    fn passes_on(&self) -> bool {
        self.continues(usize::MAX) && self.next.is_some()
    }
}

/// The lines from `from` on that pass a wrapped token on, up to the first that does not.
#[derive(Clone, Copy, Debug)]
struct Wrapped {
    from: usize,
    /// Where the last line that passes the token on ends its run (`None`: `from` is `stop`).
    passed_end: Option<usize>,
    stop_start: usize,
    stop: Line,
}

/// Extraction's view of one input. Every question it answers is about positions that only
/// move forward, so it keeps what it measured (the current run, the current stretch of
/// wrapped lines, counts up to a position) and examines each byte a bounded number of times:
/// a long run of base64 with line breaks holds thousands of places where a token could start,
/// and measuring each from scratch made extraction quadratic.
pub(super) struct Scanner<'a> {
    input: &'a str,
    bytes: &'a [u8],
    /// Bytes examined so far.
    pub(super) work: usize,
    /// The last run of token characters measured: a start inside it ends where it ends.
    run: Span,
    wrapped: Option<Wrapped>,
    /// The dots from a token's start to the line that may or may not continue it.
    dots: Window,
    /// The end of the last token asked about, and the dots that end it.
    trailing: Option<(usize, usize)>,
    next_dot: Next,
    next_pad: Next,
    after_pad: Next,
    /// The characters that carry bits in a token's first segment.
    header_data: Window,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Self {
            input,
            bytes: input.as_bytes(),
            work: 0,
            run: Span { start: 0, end: 0 },
            wrapped: None,
            dots: Window::default(),
            trailing: None,
            next_dot: Next::default(),
            next_pad: Next::default(),
            after_pad: Next::default(),
            header_data: Window::default(),
        }
    }

    /// The next place at or after `from` where a token can start: "ey" or "ew" (a JSON
    /// object's base64url starts '{"', '{ ', '{\n' or '{\r') not inside a base64url word.
    pub(super) fn next_anchor(&mut self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        if from == 0 && matches!(bytes, [b'e', b'y' | b'w', ..]) {
            return Some(0);
        }
        // Each place needs the byte before it and the byte after it.
        let places = |start: usize, end: usize| {
            let (before, at, after) =
                (bytes.get(start - 1..end - 1), bytes.get(start..end), bytes.get(start + 1..end + 1));
            #[allow(clippy::needless_bitwise_bool, reason = "no branches, so the search for anchors vectorises")]
            let is_anchor = |b: u8, e: u8, a: u8| (e == b'e') & ((a == b'y') | (a == b'w')) & !is_b64url(b);
            let triples = before.zip(at).zip(after).into_iter().flat_map(|((b, e), a)| b.iter().zip(e).zip(a));
            triples.map(move |((&b, &e), &a)| is_anchor(b, e, a))
        };
        // Places from 1 on (0 was just checked) that have a byte after them.
        let last = bytes.len().checked_sub(1)?;
        let mut pos = from.max(1);
        if pos >= last {
            return None;
        }
        // The next few places one at a time, where starts are dense (`ey+ey+…`); then 64 at a
        // time without branching inside a block, so that sparse starts cost little per byte.
        let near = (pos + 8).min(last);
        if let Some(i) = places(pos, near).position(|anchor| anchor) {
            self.work += i + 1;
            return Some(pos + i);
        }
        self.work += near - pos;
        pos = near;
        while pos < last {
            let end = (pos + 64).min(last);
            self.work += end - pos;
            if places(pos, end).fold(false, |any, anchor| any | anchor) {
                return places(pos, end).position(|anchor| anchor).map(|i| pos + i);
            }
            pos = end;
        }
        None
    }

    /// Where the run of token characters that `from` is in ends.
    fn run_end(&mut self, from: usize) -> usize {
        if !(self.run.start..self.run.end).contains(&from) {
            let len = run_len(self.bytes.get(from..).unwrap_or_default(), is_token_char);
            self.work += len + 1;
            self.run = Span { start: from, end: from + len };
        }
        self.run.end
    }

    /// The number of '.' in `span`.
    fn dots_in(&mut self, span: Span) -> usize {
        let text = self.bytes.get(span.start..span.end).unwrap_or_default();
        self.work += text.len();
        count(text, |b| b == b'.')
    }

    /// The line starting at `start`: its indentation skipped, its first run measured.
    fn line_at(&mut self, start: usize) -> Line {
        #[allow(clippy::needless_bitwise_bool, reason = "no branches, so the run is measured a block at a time")]
        let indentation = run_len(self.bytes.get(start..).unwrap_or_default(), |b| (b == b' ') | (b == b'\t'));
        self.work += indentation;
        let from = start + indentation;
        let run = Span { start: from, end: self.run_end(from) };
        let dots = self.dots_in(run);
        let fresh = self.bytes.get(run.start..run.end).is_some_and(|r| r.starts_with(b"ey")) && dots >= 2;
        let break_follows = matches!(self.bytes.get(run.end), None | Some(b'\r' | b'\n'));
        Line { run, dots, fresh, break_follows, next: line_break_at(self.bytes, run.end) }
    }

    /// The stretch of wrapped lines from the line starting at `from`, measured once for every
    /// token start that wraps onto one of its lines.
    fn wrapped_from(&mut self, from: usize) -> Wrapped {
        if let Some(wrapped) = self.wrapped
            && (wrapped.from..=wrapped.stop_start).contains(&from)
        {
            let passed_end = if from == wrapped.stop_start { None } else { wrapped.passed_end };
            return Wrapped { from, passed_end, ..wrapped };
        }
        let (mut passed_end, mut start) = (None, from);
        let mut line = self.line_at(start);
        while line.passes_on()
            && let Some(next) = line.next
        {
            passed_end = Some(line.run.end);
            start = next;
            line = self.line_at(start);
        }
        let wrapped = Wrapped { from, passed_end, stop_start: start, stop: line };
        self.wrapped = Some(wrapped);
        wrapped
    }

    /// The number of '.' that end the token ending at `end` (line breaks and indentation
    /// between them do not count).
    fn trailing_dots(&mut self, end: usize) -> usize {
        if let Some((at, dots)) = self.trailing
            && at == end
        {
            return dots;
        }
        let before = self.bytes.get(..end).unwrap_or_default();
        let block = before.iter().rev().take_while(|&&b| b == b'.' || is_wrap_space(b));
        let (len, dots) = block.fold((0, 0), |(len, dots), &b| (len + 1, dots + usize::from(b == b'.')));
        self.work += len + 1;
        self.trailing = Some((end, dots));
        dots
    }

    /// Whether the token [`Scanner::candidate_at`] would read at `start` has a JWT's shape,
    /// in amortised constant time: from counts, without building it. The gaps between the
    /// lines of a wrapped token hold only line breaks and indentation, so a count over the
    /// input from `start` to the token's end is a count over the token.
    pub(super) fn has_jwt_shape_at(&mut self, start: usize) -> bool {
        let first_end = self.run_end(start);
        let (before_stop, stop) = match line_break_at(self.bytes, first_end) {
            None => (first_end, None),
            Some(next) => {
                let wrapped = self.wrapped_from(next);
                (wrapped.passed_end.unwrap_or(first_end), Some(wrapped.stop))
            }
        };
        let bytes = self.bytes;
        let work = &mut self.work;
        let dot = |b: u8| b == b'.';
        let dots_before_stop = self.dots.count(bytes, start, before_stop, dot, work);
        let (end, dots) = match stop {
            Some(line) if line.continues(dots_before_stop) => (line.run.end, dots_before_stop + line.dots),
            _ => (before_stop, dots_before_stop),
        };
        let dots = dots.saturating_sub(dropped_dots(dots, self.trailing_dots(end)));
        if dots != 2 && dots != 4 {
            return false;
        }
        // The header is base64url (its first two characters make a '{'): it has no '=' but at
        // its end, and its length is not 4n+1 characters.
        let work = &mut self.work;
        let first_dot = self.next_dot.from(bytes, start, dot, work);
        let pad = self.next_pad.from(bytes, start, |b| b == b'=', work);
        if pad < first_dot && self.after_pad.from(bytes, pad, |b| b != b'=' && !is_wrap_space(b), work) < first_dot {
            return false;
        }
        let data = self.header_data.count(bytes, start, first_dot, is_data_char, work);
        data % 4 != 1
    }

    /// Reads the token starting at `start`, joining wrapped lines, and checks its shape.
    pub(super) fn candidate_at(&mut self, start: usize) -> Candidate {
        let first = Span { start, end: self.run_end(start) };
        let mut pieces = vec![first];
        let mut dots = self.dots_in(first);
        let mut next = line_break_at(self.bytes, first.end);
        while let Some(line_start) = next {
            let line = self.line_at(line_start);
            if !line.continues(dots) {
                break;
            }
            dots += line.dots;
            pieces.push(line.run);
            next = line.next;
        }
        let input = self.input;
        // A sentence-ending dot (or a doubled one) is not part of the token.
        let mut trailing = 0;
        for piece in pieces.iter().rev() {
            let text = input.get(piece.start..piece.end).unwrap_or_default();
            let ending = text.len() - text.trim_end_matches('.').len();
            trailing += ending;
            if ending < text.len() {
                break;
            }
        }
        let dropped = dropped_dots(dots, trailing);
        let mut left = dropped;
        while left > 0
            && let Some(last) = pieces.last_mut()
        {
            let cut = left.min(last.end - last.start);
            last.end -= cut;
            left -= cut;
            if last.start == last.end {
                pieces.pop();
            }
        }
        let token: String = pieces.iter().filter_map(|p| input.get(p.start..p.end)).collect();
        self.work += 2 * token.len();
        let mut repaired = Vec::new();
        if dropped > 0 {
            repaired.push(format!("{dropped} extra '.' after the last segment was dropped"));
        }
        let well_formed = has_jwt_shape(&token);
        let span = Span { start, end: pieces.last().map_or(start, |p| p.end) };
        let mut stripped = Vec::new();
        if let Some(joined) = describe_wrapping(input, &pieces) {
            stripped.push(joined);
        }
        stripped.extend(repaired.iter().cloned());
        Candidate { token, span, pieces, context: None, stripped, well_formed, repaired }
    }
}

/// How many of a token's `trailing` dots are dropped when it has `dots` in all: all but one of
/// a run of them, and the last too when it would make a fourth segment of a JWS.
fn dropped_dots(dots: usize, trailing: usize) -> usize {
    match trailing {
        0 => 0,
        _ if dots.saturating_sub(trailing - 1) == 3 => trailing,
        _ => trailing - 1,
    }
}

/// "joined 3 lines of a wrapped token (…)" when the token was wrapped.
fn describe_wrapping(input: &str, pieces: &[Span]) -> Option<String> {
    let line_breaks = pieces.len().checked_sub(1).filter(|&n| n > 0)?;
    let gaps = pieces.windows(2).filter_map(|pair| match pair {
        [before, after] => input.get(before.end..after.start),
        _ => None,
    });
    let (mut crlf, mut indentation) = (false, 0);
    for gap in gaps {
        crlf |= gap.contains('\r');
        indentation += gap.bytes().filter(|&b| b == b' ' || b == b'\t').count();
    }
    let mut what = format!("joined {} lines of a wrapped token (removed {line_breaks} line break", line_breaks + 1);
    if line_breaks > 1 {
        what.push('s');
    }
    if crlf {
        what.push_str(" (CRLF)");
    }
    if indentation > 0 {
        // Writing to a String cannot fail.
        let _ = write!(what, " and {indentation} characters of indentation");
    }
    what.push(')');
    Some(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = super::super::tests::T;

    /// Text made of pieces that matter to extraction, so that random inputs wrap, start
    /// tokens, pad and end in dots often.
    fn fragments() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "ey",
            "ew",
            "eyJ",
            "e",
            "y",
            ".",
            "..",
            "\n",
            "\r\n",
            "\r",
            " ",
            "\t",
            "+",
            "/",
            "=",
            "A",
            "x",
            "_",
            "\u{e9}",
            "\"",
            ":",
            "Bearer ",
            "Cookie: ",
            "a=",
            "eyJhbGciOiJIUzI1NiJ9",
            T,
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4_000))]

        #[test]
        fn the_shape_test_agrees_with_building_the_candidate_at_every_start(input in fragments()) {
            let mut in_order = Scanner::new(&input);
            let mut pos = 0;
            while let Some(anchor) = in_order.next_anchor(pos) {
                let built = Scanner::new(&input).candidate_at(anchor);
                proptest::prop_assert_eq!(in_order.has_jwt_shape_at(anchor), built.well_formed, "at {}", anchor);
                proptest::prop_assert_eq!(Scanner::new(&input).has_jwt_shape_at(anchor), built.well_formed);
                proptest::prop_assert!(built.pieces.iter().all(|p| p.start < p.end), "{:?}", built.pieces);
                pos = anchor + 1;
            }
        }
    }
}
