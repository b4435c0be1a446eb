//! Finds the tokens in whatever was pasted: a raw token, `Bearer …`, an `Authorization`
//! header line, a `Cookie`/`Set-Cookie` line, a JSON body, a log line or a whole HTTP
//! request; tolerating surrounding whitespace, CRLF and tokens hard-wrapped over several
//! lines. Every candidate keeps its byte range in the original text and says what was
//! stripped, so the user can see exactly what is being inspected.

use crate::jose::json::Span;

/// One token found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The compact token, with any line breaks and indentation of a wrapped token removed.
    pub token: String,
    /// From the token's first to its last character in the input.
    pub span: Span,
    /// The input ranges that make up the token (more than one when it was wrapped).
    pub pieces: Vec<Span>,
    /// Where it was found, e.g. "Authorization header", "cookie session", "JSON member id_token".
    pub context: Option<String>,
    /// What was removed around or inside the token, in words.
    pub stripped: Vec<String>,
    /// Whether it has the shape of a JWT (3 or 5 segments, a JSON-object header). The
    /// fallback candidate for unreadable input does not.
    pub well_formed: bool,
    /// How the token's own structure had to be repaired to read it (e.g. extra dots
    /// dropped), as opposed to text around it being ignored.
    pub repaired: Vec<String>,
}

impl Candidate {
    /// Maps a byte offset in [`Candidate::token`] to the byte offset in the input.
    pub fn input_offset(&self, token_offset: usize) -> usize {
        let mut consumed = 0;
        for piece in &self.pieces {
            let len = piece.end - piece.start;
            if token_offset < consumed + len {
                return piece.start + (token_offset - consumed);
            }
            consumed += len;
        }
        self.span.end
    }

    /// The input ranges covering token bytes `start..end` (several when wrapped).
    pub fn input_ranges(&self, start: usize, end: usize) -> Vec<Span> {
        let mut out = Vec::new();
        let mut consumed = 0;
        for piece in &self.pieces {
            let len = piece.end - piece.start;
            let (from, to) = (start.max(consumed), end.min(consumed + len));
            if from < to {
                out.push(Span { start: piece.start + from - consumed, end: piece.start + to - consumed });
            }
            consumed += len;
        }
        out
    }
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

// Characters a leniently-encoded token may contain ('+', '/' and '=' from standard base64).
fn is_token_char(b: u8) -> bool {
    // `|`, not `||`: no branches, so scanning runs vectorise.
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

/// Where the run of token characters starting at `from` ends (a tight loop: a token can be
/// megabytes long).
fn token_run_end(bytes: &[u8], from: usize) -> usize {
    from + crate::jose::scan::run_len(bytes.get(from..).unwrap_or_default(), is_token_char)
}

/// Finds every token in `input`, in order of appearance. When nothing shaped like a JWT is
/// present but the input is one word (after the usual prefixes), that word is returned as a
/// candidate that is not `well_formed`, so the parser can say precisely what is wrong with it.
pub fn extract(input: &str) -> Vec<Candidate> {
    let bytes = input.as_bytes();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut pos = 0;
    while pos + 1 < bytes.len() {
        // A JSON object's base64url always starts "ey" ('{"' or '{ ') or "ew" ('{\n', '{\r').
        let anchor = bytes.get(pos) == Some(&b'e')
            && matches!(bytes.get(pos + 1), Some(b'y' | b'w'))
            && (pos == 0 || bytes.get(pos - 1).is_some_and(|b| !is_b64url(*b)));
        if !anchor {
            pos += 1;
            continue;
        }
        match scan_candidate(input, pos) {
            Some(candidate) if candidate.well_formed => {
                pos = candidate.span.end;
                candidates.push(candidate);
            }
            _ => pos += 1,
        }
    }
    for candidate in &mut candidates {
        candidate.context = context_before(input, candidate.span.start);
        describe_surroundings(input, candidate);
    }
    if candidates.is_empty()
        && let Some(candidate) = fallback(input)
    {
        candidates.push(candidate);
    }
    candidates
}

/// Reads a token starting at `start`, joining wrapped lines, and checks its shape.
fn scan_candidate(input: &str, start: usize) -> Option<Candidate> {
    let bytes = input.as_bytes();
    let mut pieces = Vec::new();
    let mut piece_start = start;
    let mut pos = start;
    let mut line_breaks = 0;
    let mut indentation = 0;
    loop {
        pos = token_run_end(bytes, pos);
        pieces.push(Span { start: piece_start, end: pos });
        // Hard-wrapped: the run reaches the end of its line and the next line continues it.
        let mut next = pos;
        if bytes.get(next) == Some(&b'\r') {
            next += 1;
        }
        if bytes.get(next) != Some(&b'\n') {
            break;
        }
        next += 1;
        let indent_start = next;
        while matches!(bytes.get(next), Some(b' ' | b'\t')) {
            next += 1;
        }
        let run_end = token_run_end(bytes, next);
        let next_run = input.get(next..run_end).unwrap_or_default();
        let line_ends_after_run = matches!(bytes.get(run_end), None | Some(b'\r' | b'\n'));
        let so_far: usize =
            pieces.iter().map(|p| input.get(p.start..p.end).map_or(0, |s| s.matches('.').count())).sum();
        let fresh_token = next_run.starts_with("ey") && next_run.matches('.').count() >= 2;
        if next_run.is_empty() || fresh_token || !(line_ends_after_run || so_far < 2) {
            break;
        }
        line_breaks += 1;
        indentation += next - indent_start;
        piece_start = next;
        pos = run_end;
    }
    let mut token: String = pieces.iter().filter_map(|p| input.get(p.start..p.end)).collect();
    // A sentence-ending dot (or a doubled one) is not part of the token.
    let mut dropped_dots = 0;
    while token.ends_with("..") || (token.ends_with('.') && token.matches('.').count() == 3) {
        token.pop();
        dropped_dots += 1;
        if let Some(last) = pieces.last_mut() {
            last.end -= 1;
        }
    }
    let mut repaired = Vec::new();
    if dropped_dots > 0 {
        repaired.push(format!("{dropped_dots} extra '.' after the last segment was dropped"));
    }
    let well_formed = has_jwt_shape(&token);
    let span = Span { start, end: pieces.last().map_or(start, |p| p.end) };
    let mut stripped = Vec::new();
    if line_breaks > 0 {
        let mut what = format!("joined {} lines of a wrapped token (removed {line_breaks} line break", line_breaks + 1);
        if line_breaks > 1 {
            what.push('s');
        }
        if input.get(span.start..span.end).is_some_and(|s| s.contains('\r')) {
            what.push_str(" (CRLF)");
        }
        if indentation > 0 {
            what.push_str(&format!(" and {indentation} characters of indentation"));
        }
        what.push(')');
        stripped.push(what);
    }
    stripped.extend(repaired.iter().cloned());
    Some(Candidate { token, span, pieces, context: None, stripped, well_formed, repaired })
}

/// 3 or 5 segments, and the first decodes to something that starts like a JSON object.
fn has_jwt_shape(token: &str) -> bool {
    let segments = token.split('.').count();
    if segments != 3 && segments != 5 {
        return false;
    }
    let header = token.split('.').next().unwrap_or_default();
    crate::jose::base64url::decode(header)
        .is_ok_and(|d| d.bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'))
}

/// Labels the place a token was found from the text just before it on its line.
fn context_before(input: &str, start: usize) -> Option<String> {
    let line_start = input.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let before = input.get(line_start..start)?;
    let lower = before.to_ascii_lowercase();
    let trimmed = lower.trim_end();
    if lower.trim_start().starts_with("authorization:") {
        return Some("Authorization header".to_owned());
    }
    if lower.trim_start().starts_with("cookie:") || lower.trim_start().starts_with("set-cookie:") {
        let name = before.trim_end().strip_suffix('=')?.rsplit([' ', ';', ':']).next()?.trim();
        return Some(format!("cookie {name}"));
    }
    if trimmed.ends_with("bearer") {
        return Some("Bearer".to_owned());
    }
    // "name": "<token>"
    if let Some(rest) = before.trim_end().strip_suffix('"') {
        let rest = rest.trim_end().strip_suffix(':')?.trim_end().strip_suffix('"')?;
        let name = rest.rsplit('"').next()?;
        return Some(format!("JSON member {name}"));
    }
    // name=<token> (query strings, form bodies, log fields)
    if let Some(rest) = before.strip_suffix('=') {
        let name = rest.rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).next()?;
        if !name.is_empty() {
            return Some(format!("{name}="));
        }
    }
    None
}

/// Says what surrounds the token in the input, when anything does.
fn describe_surroundings(input: &str, candidate: &mut Candidate) {
    let before = input.get(..candidate.span.start).unwrap_or_default();
    let after = input.get(candidate.span.end..).unwrap_or_default();
    if before.trim().is_empty() && after.trim().is_empty() {
        if !before.is_empty() || !after.is_empty() {
            candidate.stripped.insert(0, "whitespace around the token".to_owned());
        }
        return;
    }
    let prefix = before.trim_start();
    if !prefix.is_empty() && prefix.len() <= 40 && !prefix.contains('\n') {
        candidate.stripped.insert(0, format!("the text {prefix:?} before the token"));
    } else if !before.trim().is_empty() {
        candidate.stripped.insert(0, format!("{} characters of text before the token", before.chars().count()));
    }
    let suffix = after.trim_end();
    if !suffix.is_empty() && suffix.len() <= 40 && !suffix.contains('\n') {
        candidate.stripped.push(format!("the text {suffix:?} after the token"));
    } else if !after.trim().is_empty() {
        candidate.stripped.push(format!("{} characters of text after the token", after.chars().count()));
    }
}

/// The whole input as one token-to-be, when it is one word after the usual prefixes, so
/// that a malformed token gets a precise error instead of "no token found".
fn fallback(input: &str) -> Option<Candidate> {
    let start = input.len() - input.trim_start().len();
    let mut rest = input.trim();
    let mut offset = start;
    let mut stripped = Vec::new();
    for prefix in ["authorization:", "bearer"] {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        rest = trimmed;
        if rest.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            let removed = rest.get(..prefix.len()).unwrap_or_default().to_owned();
            stripped.push(format!("the prefix {removed:?}"));
            rest = rest.get(prefix.len()..).unwrap_or_default();
            offset += prefix.len();
        }
    }
    let trimmed = rest.trim_start();
    offset += rest.len() - trimmed.len();
    rest = trimmed.trim_end();
    for quote in ['"', '\''] {
        if rest.len() >= 2 && rest.starts_with(quote) && rest.ends_with(quote) {
            rest = rest.get(1..rest.len() - 1).unwrap_or_default();
            offset += 1;
            stripped.push("surrounding quotes".to_owned());
        }
    }
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return None;
    }
    if start > 0 || input.trim_end().len() < input.len() {
        stripped.insert(0, "whitespace around the token".to_owned());
    }
    let span = Span { start: offset, end: offset + rest.len() };
    Some(Candidate {
        token: rest.to_owned(),
        span,
        pieces: vec![span],
        context: None,
        stripped,
        well_formed: has_jwt_shape(rest),
        repaired: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlMTI";

    fn only(input: &str) -> Candidate {
        let mut found = extract(input);
        assert_eq!(found.len(), 1, "{input:?}: {found:?}");
        found.remove(0)
    }

    #[test]
    fn raw_token_with_whitespace_is_found_and_whitespace_named() {
        let c = only(&format!("  {T}\r\n"));
        assert_eq!(c.token, T);
        assert_eq!(c.span, Span { start: 2, end: 2 + T.len() });
        assert_eq!(c.stripped, ["whitespace around the token"]);
    }

    #[test]
    fn authorization_header_and_bearer_are_recognised() {
        let c = only(&format!("Authorization: Bearer {T}"));
        assert_eq!(c.token, T);
        assert_eq!(c.context.as_deref(), Some("Authorization header"));
        assert_eq!(c.stripped, ["the text \"Authorization: Bearer \" before the token"]);
        assert_eq!(only(&format!("Bearer {T}")).context.as_deref(), Some("Bearer"));
    }

    #[test]
    fn cookie_lines_name_the_cookie() {
        let c = only(&format!("Cookie: theme=dark; session={T}; lang=en"));
        assert_eq!(c.token, T);
        assert_eq!(c.context.as_deref(), Some("cookie session"));
        let c = only(&format!("Set-Cookie: id={T}; Path=/; HttpOnly"));
        assert_eq!(c.context.as_deref(), Some("cookie id"));
    }

    #[test]
    fn json_body_yields_every_token_first_selected() {
        let input = format!("{{\"access_token\": \"{T}\", \"id_token\": \"{T}x\"}}");
        let found = extract(&input);
        assert_eq!(found.len(), 2);
        assert_eq!(found.first().and_then(|c| c.context.as_deref()), Some("JSON member access_token"));
        assert_eq!(found.get(1).and_then(|c| c.context.as_deref()), Some("JSON member id_token"));
    }

    #[test]
    fn log_lines_and_requests_with_several_tokens() {
        let input = format!("GET /api?token={T} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {T}\r\n\r\n");
        let found = extract(&input);
        assert_eq!(found.len(), 2);
        assert_eq!(found.first().and_then(|c| c.context.as_deref()), Some("token="));
        let second = found.get(1).expect("second");
        assert_eq!(input.get(second.span.start..second.span.end), Some(T));
    }

    #[test]
    fn hard_wrapped_token_is_joined_and_mapped_back() {
        let (a, b) = T.split_at(30);
        let (b, c) = b.split_at(30);
        let input = format!("{a}\r\n    {b}\r\n    {c}\r\n");
        let candidate = only(&input);
        assert_eq!(candidate.token, T);
        assert_eq!(candidate.pieces.len(), 3);
        assert!(
            candidate.stripped.iter().any(|s| s.contains("joined 3 lines") && s.contains("CRLF")),
            "{:?}",
            candidate.stripped
        );
        // Token offset 30 is the first character of the second line.
        assert_eq!(candidate.input_offset(30), a.len() + 2 + 4);
    }

    #[test]
    fn consecutive_tokens_on_separate_lines_stay_separate() {
        let found = extract(&format!("{T}\n{T}\n"));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn malformed_single_word_falls_back_to_a_candidate() {
        let c = only("Bearer abc.d*ef.ghi");
        assert_eq!(c.token, "abc.d*ef.ghi");
        assert!(!c.well_formed);
        assert_eq!(c.stripped, ["the prefix \"Bearer\""]);
        assert!(extract("hello world").is_empty());
        assert!(extract("").is_empty());
    }
}
