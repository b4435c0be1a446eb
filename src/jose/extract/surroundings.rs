//! The words around a token: where it was found (an Authorization header, a cookie, a JSON
//! member, a `name=` field) and what text around it was left out.

use super::Candidate;
use crate::jose::json::Span;
use crate::jose::scan::{Last, Tally};

/// What the start of a line says about the tokens on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Authorization,
    Cookie,
    Other,
}

/// Labels each token by the text before it and says what surrounds it, for tokens taken in
/// order. Long lines can hold thousands of tokens, so where the line starts and where the
/// names before a token begin are followed forward rather than searched for backwards from
/// each token.
pub(super) struct Surroundings<'a> {
    input: &'a str,
    /// Bytes examined so far.
    pub(super) work: usize,
    /// The input without its leading and trailing whitespace.
    content: Span,
    line_start: Last,
    quote: Last,
    cookie_break: Last,
    name_break: Last,
    /// The line the last token was on, and what its start says.
    line: Option<(usize, LineKind)>,
    chars: Tally,
}

impl<'a> Surroundings<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Self {
            input,
            work: 0,
            content: Span { start: input.len() - input.trim_start().len(), end: input.trim_end().len() },
            line_start: Last::default(),
            quote: Last::default(),
            cookie_break: Last::default(),
            name_break: Last::default(),
            line: None,
            chars: Tally::default(),
        }
    }

    fn line_kind(&mut self, line_start: usize) -> LineKind {
        if let Some((start, kind)) = self.line
            && start == line_start
        {
            return kind;
        }
        let text = self.input.get(line_start..).unwrap_or_default();
        let text = text.trim_start();
        self.work += self.input.len() - line_start - text.len();
        let starts_with = |prefix: &str| text.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        let kind = if starts_with("authorization:") {
            LineKind::Authorization
        } else if starts_with("cookie:") || starts_with("set-cookie:") {
            LineKind::Cookie
        } else {
            LineKind::Other
        };
        self.line = Some((line_start, kind));
        kind
    }

    /// Labels the place a token was found from the text just before it on its line.
    fn context_before(&mut self, start: usize) -> Option<String> {
        let input = self.input;
        let line_start = self.line_start.before_char(input, start, '\n', &mut self.work).unwrap_or(0);
        let before = input.get(line_start..start)?;
        match self.line_kind(line_start) {
            LineKind::Authorization => return Some("Authorization header".to_owned()),
            LineKind::Cookie => {
                let name_end = line_start + before.trim_end().strip_suffix('=')?.len();
                let is_break = |c| matches!(c, ' ' | ';' | ':');
                let name_start = self.cookie_break.before(input, name_end, is_break, &mut self.work);
                let name = input.get(name_start.unwrap_or(0).max(line_start)..name_end)?.trim();
                return Some(format!("cookie {name}"));
            }
            LineKind::Other => {}
        }
        let trimmed = before.trim_end();
        let last_word = trimmed.len().checked_sub("bearer".len()).and_then(|i| trimmed.get(i..));
        if last_word.is_some_and(|w| w.eq_ignore_ascii_case("bearer")) {
            return Some("Bearer".to_owned());
        }
        // "name": "<token>"
        if let Some(rest) = trimmed.strip_suffix('"') {
            let rest = rest.trim_end().strip_suffix(':')?.trim_end().strip_suffix('"')?;
            let name_end = line_start + rest.len();
            let name_start = self.quote.before_char(input, name_end, '"', &mut self.work);
            return Some(format!("JSON member {}", input.get(name_start.unwrap_or(0).max(line_start)..name_end)?));
        }
        // name=<token> (query strings, form bodies, log fields)
        if let Some(rest) = before.strip_suffix('=') {
            let name_end = line_start + rest.len();
            let is_break = |c: char| !(c.is_alphanumeric() || c == '_' || c == '-');
            let name_start = self.name_break.before(input, name_end, is_break, &mut self.work);
            let name = input.get(name_start.unwrap_or(0).max(line_start)..name_end)?;
            if !name.is_empty() {
                return Some(format!("{name}="));
            }
        }
        None
    }

    /// The number of characters in the input before byte `at`.
    fn chars_before(&mut self, at: usize) -> usize {
        let is_char_start = |b: u8| (b & 0xc0) != 0x80;
        self.chars.upto(self.input.as_bytes(), at, is_char_start, &mut self.work)
    }

    /// Labels every token (in order) and says what surrounds it.
    pub(super) fn describe_all(&mut self, candidates: &mut [Candidate]) {
        // The count of characters after a token needs the input's total, which is counted
        // on from the last token's end when all are done, instead of in a pass of its own.
        let mut after = Vec::new();
        for (i, candidate) in candidates.iter_mut().enumerate() {
            candidate.context = self.context_before(candidate.span.start);
            if let Some(before_end) = self.describe(candidate) {
                after.push((i, before_end));
            }
        }
        if after.is_empty() {
            return;
        }
        let total = self.chars_before(self.input.len());
        for (i, before_end) in after {
            if let Some(candidate) = candidates.get_mut(i) {
                let chars = total.saturating_sub(before_end);
                candidate.stripped.push(format!("{chars} characters of text after the token"));
            }
        }
    }

    /// Says what surrounds the token in the input, when anything does. When the text after it
    /// is to be counted, returns the number of characters before its end instead.
    fn describe(&mut self, candidate: &mut Candidate) -> Option<usize> {
        let input = self.input;
        let Span { start, end } = candidate.span;
        let (blank_before, blank_after) = (start <= self.content.start, end >= self.content.end);
        if blank_before && blank_after {
            if start > 0 || end < input.len() {
                candidate.stripped.insert(0, "whitespace around the token".to_owned());
            }
            return None;
        }
        let prefix = input.get(self.content.start.min(start)..start).unwrap_or_default();
        if !prefix.is_empty() && prefix.len() <= 40 && !prefix.contains('\n') {
            candidate.stripped.insert(0, format!("the text {prefix:?} before the token"));
        } else if !blank_before {
            let chars = self.chars_before(start);
            candidate.stripped.insert(0, format!("{chars} characters of text before the token"));
        }
        let suffix = input.get(end..self.content.end.max(end)).unwrap_or_default();
        if !suffix.is_empty() && suffix.len() <= 40 && !suffix.contains('\n') {
            candidate.stripped.push(format!("the text {suffix:?} after the token"));
            None
        } else {
            (!blank_after).then(|| self.chars_before(end))
        }
    }
}
