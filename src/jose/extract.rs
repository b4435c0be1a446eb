//! Finds the tokens in whatever was pasted: a raw token, `Bearer …`, an `Authorization`
//! header line, a `Cookie`/`Set-Cookie` line, a JSON body, a log line or a whole HTTP
//! request; tolerating surrounding whitespace, CRLF and tokens hard-wrapped over several
//! lines. Every candidate keeps its byte range in the original text and says what was
//! stripped, so the user can see exactly what is being inspected.

mod scanner;
mod surroundings;

use crate::jose::json::Span;
use crate::jose::positions::Positions;
use scanner::Scanner;
use surroundings::Surroundings;

/// One token found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The compact token, with any line breaks and indentation of a wrapped token removed.
    pub token: String,
    /// From the token's first to its last character in the input.
    pub span: Span,
    /// The input ranges that make up the token (more than one when it was wrapped).
    pub pieces: Vec<Span>,
    /// Where it was found, e.g. "Authorization header", "cookie session", "JSON member `id_token`".
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
    /// The map between this token's bytes and the input (see [`Positions`]).
    pub fn positions(&self) -> Positions<'_> {
        Positions::new(&self.pieces)
    }

    /// Maps a byte offset in [`Candidate::token`] to the byte offset in the input.
    pub fn input_offset(&self, token_offset: usize) -> usize {
        self.positions().input_offset(token_offset)
    }
}

/// Finds every token in `input`, in order of appearance. When nothing shaped like a JWT is
/// present but the input is one word (after the usual prefixes), that word is returned as a
/// candidate that is not `well_formed`, so the parser can say precisely what is wrong with it.
pub fn extract(input: &str) -> Vec<Candidate> {
    extract_counting(input).0
}

/// [`extract`], and the number of bytes it examined on the way: a bounded multiple of the
/// input's length whatever the input (the tests hold it to that, so that a change which makes
/// extraction quadratic again fails `cargo test` instead of freezing the app on a big paste).
pub fn extract_counting(input: &str) -> (Vec<Candidate>, usize) {
    let mut scanner = Scanner::new(input);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut pos = 0;
    while let Some(anchor) = scanner.next_anchor(pos) {
        // Building a candidate costs its length, so only those that will have a JWT's shape
        // are built: they never overlap, which keeps the total linear.
        if scanner.has_jwt_shape_at(anchor) {
            let candidate = scanner.candidate_at(anchor);
            if candidate.well_formed {
                pos = candidate.span.end;
                candidates.push(candidate);
                continue;
            }
        }
        pos = anchor + 1;
    }
    let mut surroundings = Surroundings::new(input);
    surroundings.describe_all(&mut candidates);
    let mut work = scanner.work + surroundings.work;
    if candidates.is_empty()
        && let Some(candidate) = fallback(input)
    {
        // Trimming the input, looking for whitespace in it and decoding its first segment.
        work += 3 * input.len();
        candidates.push(candidate);
    }
    (candidates, work)
}

/// 3 or 5 segments, and the first decodes to something that starts like a JSON object.
fn has_jwt_shape(token: &str) -> bool {
    // Counted rather than split: a megabyte of dots is a million segments.
    let segments = crate::jose::scan::count(token.as_bytes(), |b| b == b'.') + 1;
    if segments != 3 && segments != 5 {
        return false;
    }
    let header = token.split('.').next().unwrap_or_default();
    crate::jose::base64url::decode(header)
        .is_ok_and(|d| d.bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'))
}

/// `text.contains(char::is_whitespace)`, bytewise when the text is ASCII: a pasted megabyte
/// is usually one word, and this runs over all of it.
fn has_whitespace(text: &str) -> bool {
    // U+0009 to U+000D and the space are the ASCII characters `char::is_whitespace` accepts.
    #[allow(clippy::needless_bitwise_bool, reason = "no branches, so the run is measured a block at a time")]
    let not_space = |b: u8| (b.wrapping_sub(b'\t') > b'\r' - b'\t') & (b != b' ');
    crate::jose::scan::run_len(text.as_bytes(), not_space) < text.len()
        || (!text.is_ascii() && text.contains(char::is_whitespace))
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
    if rest.is_empty() || has_whitespace(rest) {
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

    pub(super) const T: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlMTI";

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

    #[test]
    fn whitespace_is_found_as_char_is_whitespace_finds_it() {
        for text in ["a b", "a\tb", "a\u{b}b", "a\rb", "a\u{a0}b", "a\u{3000}b", "ab", "\u{e9}b", "a\u{8}b", ""] {
            assert_eq!(has_whitespace(text), text.contains(char::is_whitespace), "{text:?}");
        }
    }

    #[test]
    fn dots_dropped_from_a_wrapped_token_take_the_lines_they_emptied_with_them() {
        // The last line is only a dot; with the one ending the line before, both go.
        let input = format!("{T}.\n.\n");
        let c = only(&input);
        assert_eq!(c.token, T);
        assert_eq!(c.pieces, [Span { start: 0, end: T.len() }]);
        assert_eq!(c.span, Span { start: 0, end: T.len() });
        assert_eq!(c.input_offset(T.len() - 1), T.len() - 1);
        assert_eq!(c.repaired, ["2 extra '.' after the last segment was dropped"]);
    }

    /// A fixed xorshift sequence, for big inputs without a dependency.
    fn random_text(len: usize, alphabet: &[u8], line: Option<usize>) -> String {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut text = String::with_capacity(len);
        while text.len() < len {
            if line.is_some_and(|line| text.len() % (line + 1) == line) {
                text.push('\n');
                continue;
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let i = usize::try_from(state % alphabet.len() as u64).expect("small");
            text.push(char::from(alphabet[i]));
        }
        text
    }

    #[test]
    fn extraction_examines_a_bounded_number_of_bytes_per_input_byte() {
        const LEN: usize = 1 << 18;
        let standard = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let printable: Vec<u8> = (b' '..=b'~').collect();
        let repeat = |unit: &str| unit.repeat(LEN / unit.len());
        let inputs = [
            ("standard base64 in 76-column lines", random_text(LEN, standard, Some(76))),
            ("random printable text", random_text(LEN, &printable, None)),
            ("\"ey\" after '+' and line breaks", random_text(LEN, b"ey+/\n", None)),
            ("eyJ repeated", repeat("eyJ")),
            ("ey+ repeated", repeat("ey+")),
            ("ey+ repeated, ending in a misplaced pad", repeat("ey+") + "=A.b.c"),
            ("ey+ lines", repeat("ey+ey+ey+\n")),
            ("ey. repeated", repeat("ey.")),
            ("ey. lines", repeat("ey.\n")),
            ("dots everywhere", repeat(".")),
            ("a start, then lines of dots", format!("ey\n{}", repeat(".\n"))),
            ("starts, then lines of dots", format!("{}{}", repeat("ey\n"), repeat(".\n"))),
            ("tokens on one line", repeat(&format!("{T} "))),
            ("tokens in one cookie", format!("Cookie: {}", repeat(&format!("a={T}&")))),
            ("tokens as JSON members", repeat(&format!("\"a\": \"{T}\", "))),
            ("tokens as fields", repeat(&format!("token={T} "))),
            ("one token per line", repeat(&format!("{T}\n"))),
            ("a wrapped token repeated", repeat(&format!("{}\n  {}\n", &T[..30], &T[30..]))),
            ("tokens after a blank page", format!("{}{}", " ".repeat(LEN), repeat(&format!("{T} x ")))),
        ];
        for (what, input) in inputs {
            let (_, work) = extract_counting(&input);
            // About 13 bytes per input byte when every line holds a token (each is measured,
            // built, copied and labelled); a quadratic path at this size makes it thousands.
            assert!(work <= 16 * input.len(), "{what}: {work} bytes examined for {}", input.len());
        }
    }
}
