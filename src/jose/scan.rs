//! Byte scanning for megabyte inputs: how long a run of bytes that pass a test is, checked
//! 32 bytes at a time without branching inside a block (the compiler turns that into vector
//! compares), then byte by byte in the block that ends the run; and cursors that answer
//! questions about positions that only move forward (how many bytes before it or in a window
//! pass a test, where the next one is), examining each byte a bounded number of times however
//! many positions are asked about.
//! The cursors add the bytes they examine to a work count, so that extraction can be held to
//! linear time by a test rather than a stopwatch.

/// The length of the run at the start of `bytes` whose every byte passes `test`.
#[inline]
pub fn run_len(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    const BLOCK: usize = 32;
    // Many runs are a few bytes long ('ey' on a line of its own, a short word): testing the
    // first 4 bytes one at a time costs less than a whole block's test. (16 made 76-column
    // base64 lines twice as slow; none made 16 MB of 'ey' lines 20 % slower.)
    let head = bytes.get(..4).unwrap_or(bytes);
    if let Some(len) = head.iter().position(|&b| !test(b)) {
        return len;
    }
    let mut len = head.len();
    for block in bytes.get(len..).unwrap_or_default().chunks_exact(BLOCK) {
        if !block.iter().fold(true, |all, &b| all & test(b)) {
            break;
        }
        len += BLOCK;
    }
    let rest = bytes.get(len..).unwrap_or_default();
    len + rest.iter().position(|&b| !test(b)).unwrap_or(rest.len())
}

/// How many of `bytes` pass `test`.
pub fn count(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    // Counted in a `u8` per block of 255 bytes, which cannot overflow: the compiler then keeps
    // 16 counts per vector register instead of the 2 that `usize` counts allow.
    let block_count = |block: &[u8]| block.iter().fold(0_u8, |n, &b| n.wrapping_add(u8::from(test(b))));
    match bytes.len() {
        // A few bytes (the step of a window) are not worth setting up blocks for.
        0..=255 => usize::from(block_count(bytes)),
        _ => bytes.chunks(255).map(|block| usize::from(block_count(block))).sum(),
    }
}

/// How many bytes before a position pass a test, for positions that never move back.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    at: usize,
    count: usize,
}

impl Tally {
    /// The number of bytes in `bytes[..to]` (clamped to the slice) that pass `test`, which
    /// must be the same test at every call.
    pub fn upto(&mut self, bytes: &[u8], to: usize, test: impl Fn(u8) -> bool, work: &mut usize) -> usize {
        let to = to.min(bytes.len());
        if to < self.at {
            // A step back: correct answers matter more than speed, so count again.
            *self = Self::default();
        }
        let seen = bytes.get(self.at..to).unwrap_or_default();
        *work += seen.len();
        self.count += count(seen, test);
        self.at = to;
        self.count
    }
}

/// How many bytes in a window pass a test, for windows whose ends never move back: each byte
/// enters and leaves the count once, and the bytes between two windows that do not overlap
/// are never examined.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window {
    start: usize,
    end: usize,
    count: usize,
}

impl Window {
    /// The number of bytes in `bytes[start..end]` (clamped to the slice) that pass `test`,
    /// which must be the same test at every call.
    pub fn count(
        &mut self,
        bytes: &[u8],
        start: usize,
        end: usize,
        test: impl Fn(u8) -> bool,
        work: &mut usize,
    ) -> usize {
        let end = end.min(bytes.len());
        let start = start.min(end);
        if start < self.start || end < self.end || start >= self.end {
            // Moved back (correct answers matter more than speed), or past the last window.
            *self = Self { start, end: start, count: 0 };
        }
        let entering = bytes.get(self.end..end).unwrap_or_default();
        let leaving = bytes.get(self.start..start).unwrap_or_default();
        *work += entering.len() + leaving.len();
        self.count = (self.count + count(entering, &test)).saturating_sub(count(leaving, &test));
        *self = Self { start, end, count: self.count };
        self.count
    }
}

/// Where the first byte at or after a position that passes a test is, for positions that
/// never move back.
#[derive(Clone, Copy, Debug, Default)]
pub struct Next {
    /// The last answer: from `.0` on, the first passing byte is at `.1`.
    last: Option<(usize, usize)>,
}

impl Next {
    /// The first position at or after `from` whose byte passes `test` (the same test at every
    /// call), or `bytes.len()` when there is none.
    pub fn from(&mut self, bytes: &[u8], from: usize, test: impl Fn(u8) -> bool, work: &mut usize) -> usize {
        if let Some((start, found)) = self.last
            && (start..=found).contains(&from)
        {
            return found;
        }
        let rest = bytes.get(from..).unwrap_or_default();
        let skipped = run_len(rest, |b| !test(b));
        *work += skipped + 1;
        let found = from.min(bytes.len()) + skipped;
        self.last = Some((from, found));
        found
    }
}

/// Where the last character before a position that passes a test ends, for positions that
/// never move back.
#[derive(Clone, Copy, Debug, Default)]
pub struct Last {
    scanned: usize,
    after: Option<usize>,
}

impl Last {
    /// The offset just after the last character of `text[..at]` that passes `test` (the same
    /// test at every call), if any. `at` must be a character boundary; when it is not, the
    /// answer for the last boundary asked about is given.
    #[allow(
        clippy::similar_names,
        reason = "`test` is the predicate's name in every scanner here, `text` what it scans"
    )]
    pub fn before(&mut self, text: &str, at: usize, test: impl Fn(char) -> bool, work: &mut usize) -> Option<usize> {
        self.advance(text, at, work, |seen| seen.char_indices().rfind(|&(_, c)| test(c)).map(|(i, c)| i + c.len_utf8()))
    }

    /// [`Last::before`] for one character, which is searched for bytewise (much faster over
    /// megabytes without it).
    pub fn before_char(&mut self, text: &str, at: usize, target: char, work: &mut usize) -> Option<usize> {
        self.advance(text, at, work, |seen| seen.rfind(target).map(|i| i + target.len_utf8()))
    }

    /// Moves on to `at`, with `end_of_last` finding where the last match in the text not seen
    /// yet ends. The search runs backwards from `at`, so it usually stops after a few bytes.
    fn advance(
        &mut self,
        text: &str,
        at: usize,
        work: &mut usize,
        end_of_last: impl FnOnce(&str) -> Option<usize>,
    ) -> Option<usize> {
        if at < self.scanned {
            *self = Self::default();
        }
        if let Some(seen) = text.get(self.scanned..at) {
            *work += seen.len();
            if let Some(end) = end_of_last(seen) {
                self.after = Some(self.scanned + end);
            }
            self.scanned = at;
        }
        self.after
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_lengths_across_block_edges() {
        let digit = |b: u8| b.is_ascii_digit();
        for len in [0, 1, 31, 32, 33, 63, 64, 65, 100] {
            let mut text = "7".repeat(len).into_bytes();
            assert_eq!(run_len(&text, digit), len);
            text.extend_from_slice(b"x77");
            assert_eq!(run_len(&text, digit), len, "stops at the first failing byte after {len}");
        }
    }
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    #[test]
    fn cursors_answer_like_a_fresh_search_and_examine_each_byte_about_once() {
        let text = "a.b..c. d\u{e9}.e f";
        let bytes = text.as_bytes();
        let dot = |b: u8| b == b'.';
        let (mut tally, mut window, mut next, mut work) = (Tally::default(), Window::default(), Next::default(), 0);
        let (mut last, mut last_char) = (Last::default(), Last::default());
        for at in (0..=bytes.len()).filter(|&at| text.is_char_boundary(at)) {
            let expected_count = bytes.get(..at).unwrap_or_default().iter().filter(|&&b| dot(b)).count();
            assert_eq!(tally.upto(bytes, at, dot, &mut work), expected_count, "count before {at}");
            let expected_window = bytes.get(at / 2..at).unwrap_or_default().iter().filter(|&&b| dot(b)).count();
            assert_eq!(window.count(bytes, at / 2, at, dot, &mut work), expected_window, "count in {}..{at}", at / 2);
            let expected_next = bytes.iter().skip(at).position(|&b| dot(b)).map_or(bytes.len(), |i| at + i);
            assert_eq!(next.from(bytes, at, dot, &mut work), expected_next, "next from {at}");
            let expected_last = text.get(..at).unwrap_or_default().rfind(' ').map(|i| i + 1);
            assert_eq!(last.before(text, at, |c| c == ' ', &mut work), expected_last, "last before {at}");
            assert_eq!(last_char.before_char(text, at, ' ', &mut work), expected_last, "last ' ' before {at}");
        }
        assert!(work <= 7 * bytes.len(), "{work} bytes examined for {}", bytes.len());
        // Stepping back is answered correctly too (it only costs more).
        assert_eq!(tally.upto(bytes, 2, dot, &mut work), 1);
        assert_eq!(window.count(bytes, 1, 4, dot, &mut work), 2);
        assert_eq!(next.from(bytes, 0, dot, &mut work), 1);
        assert_eq!(last.before(text, 9, |c| c == ' ', &mut work), Some(8));
    }
}
