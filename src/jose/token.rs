//! The compact serialization (RFC 7515 §7.1, RFC 7516 §7.1): segments with their byte
//! spans, decoded header and payload, and precise errors that name the segment and the
//! character. Parsing never stops at the first problem: every segment that can be shown
//! is shown.

use crate::jose::base64url::{self, Base64Error, NonCanonical};
use crate::jose::json::{self, JsonError, Node, Span};

/// Which serialization the segment count says this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Three segments: header.payload.signature.
    Jws,
    /// Five segments: `header.encrypted_key.iv.ciphertext.tag`.
    Jwe,
}

/// What a segment holds, for labels ("segment 2 (payload)").
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentRole {
    /// The JOSE header: JSON saying how the token is protected.
    Header,
    /// The payload of a JWS: usually the claims.
    Payload,
    /// The JWS signature (or MAC) over `header.payload`.
    Signature,
    /// JWE: the content encryption key, encrypted for the recipient.
    EncryptedKey,
    /// JWE: the initialization vector.
    InitializationVector,
    /// JWE: the encrypted payload.
    Ciphertext,
    /// JWE: the authentication tag.
    AuthenticationTag,
}

impl SegmentRole {
    /// Lower case, for sentences: "header", "encrypted key".
    pub fn label(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
            Self::EncryptedKey => "encrypted key",
            Self::InitializationVector => "initialization vector",
            Self::Ciphertext => "ciphertext",
            Self::AuthenticationTag => "authentication tag",
        }
    }
}

/// One dot-separated segment of the token.
#[derive(Clone, Debug)]
pub struct Segment {
    /// What the segment holds.
    pub role: SegmentRole,
    /// Byte range in [`Token::text`].
    pub span: Span,
    /// The decoded bytes, or why the text is not base64url.
    pub decoded: Result<Vec<u8>, Base64Error>,
    /// Empty when canonical.
    pub non_canonical: Vec<NonCanonical>,
}

/// A decoded header or payload, shown as what it is.
#[derive(Clone, Debug)]
pub enum Content {
    /// Valid JSON of any type (the header must be an object; the payload may be anything).
    Json {
        /// The decoded text.
        text: String,
        /// The parsed document, with spans into `text`.
        root: Node,
    },
    /// UTF-8 text that is not JSON.
    Text {
        /// The decoded text.
        text: String,
        /// Why it is not JSON.
        json_error: JsonError,
    },
    /// Bytes that are not UTF-8.
    Binary {
        /// The decoded bytes.
        bytes: Vec<u8>,
        /// Where the UTF-8 goes wrong, in words.
        utf8_error: String,
    },
}

impl Content {
    /// Judges decoded bytes: JSON when they parse, else text when UTF-8, else binary.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(text) => match json::parse(text) {
                Ok(root) => Self::Json { text: text.to_owned(), root },
                Err(json_error) => Self::Text { text: text.to_owned(), json_error },
            },
            Err(error) => Self::Binary {
                bytes: bytes.to_vec(),
                utf8_error: format!("invalid UTF-8 at byte {}", error.valid_up_to()),
            },
        }
    }

    /// The JSON object, when the content is one.
    pub fn object(&self) -> Option<&Node> {
        match self {
            Self::Json { root, .. } if matches!(root.value, json::Value::Object(_)) => Some(root),
            _ => None,
        }
    }

    /// The decoded text, when it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Json { text, .. } | Self::Text { text, .. } => Some(text),
            Self::Binary { .. } => None,
        }
    }

    /// "JSON (an object)", "text that is not JSON", "binary data (not UTF-8)": for messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Json { root, .. } => format!("JSON ({})", root.value.type_name()),
            Self::Text { .. } => "text that is not JSON".to_owned(),
            Self::Binary { .. } => "binary data (not UTF-8)".to_owned(),
        }
    }
}

/// A problem that stops part of the token from being read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Nothing to read.
    #[error("the token is empty")]
    Empty,
    /// Not 3 or 5 dot-separated segments.
    #[error(
        "a compact JWT has 3 segments separated by '.' (a signed JWS) or 5 (an encrypted JWE); this text has {found}"
    )]
    SegmentCount {
        /// How many segments the text has.
        found: usize,
    },
    /// A segment is not base64url.
    #[error("segment {segment}, {source}")]
    Base64 {
        /// 1-based.
        segment: usize,
        /// Byte offset in the token text, where a character is to blame.
        offset: Option<usize>,
        /// What is wrong with the text.
        source: Base64Error,
    },
    /// The header is text but not JSON.
    #[error("the header is not JSON: {0}")]
    HeaderNotJson(JsonError),
    /// The header's bytes are not UTF-8 (the message says where).
    #[error("the header is not UTF-8 text ({0})")]
    HeaderNotUtf8(String),
    /// The header is JSON but not an object (the JSON type, "an array").
    #[error("the header must be a JSON object, but it is {0}")]
    HeaderNotObject(&'static str),
}

impl TokenError {
    /// Byte offset in the token text that the error points at, when it points at one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Self::Base64 { offset, .. } => *offset,
            _ => None,
        }
    }
}

/// A parsed compact token. Whatever could be decoded is here even when `errors` is not
/// empty.
#[derive(Clone, Debug)]
pub struct Token {
    /// The compact text that was parsed (after extraction removed any whitespace).
    pub text: String,
    /// JWS or JWE, from the segment count.
    pub kind: TokenKind,
    /// Every segment, in order: 3 for a JWS, 5 for a JWE.
    pub segments: Vec<Segment>,
    /// The decoded header, when its segment is base64url.
    pub header: Option<Content>,
    /// `None` for a JWE (encrypted), or when the payload segment did not decode.
    pub payload: Option<Content>,
    /// RFC 7797 `b64: false`: the payload segment is the payload itself, unencoded.
    pub unencoded_payload: bool,
    /// Every problem found, in segment order; the token is still shown.
    pub errors: Vec<TokenError>,
}

/// Splits and decodes a compact token. Errs only when there is nothing to show at all
/// (empty text, or a segment count that is neither 3 nor 5).
pub fn parse(text: &str) -> Result<Token, TokenError> {
    if text.is_empty() {
        return Err(TokenError::Empty);
    }
    // Counted before the spans are collected: a megabyte of dots is a million segments.
    let found = crate::jose::scan::count(text.as_bytes(), |b| b == b'.') + 1;
    if found != 3 && found != 5 {
        return Err(TokenError::SegmentCount { found });
    }
    let mut spans = Vec::new();
    let mut start = 0;
    for (index, _) in text.match_indices('.') {
        spans.push(Span { start, end: index });
        start = index + 1;
    }
    spans.push(Span { start, end: text.len() });
    let (kind, roles): (TokenKind, &[SegmentRole]) = match spans.len() {
        3 => (TokenKind::Jws, &[SegmentRole::Header, SegmentRole::Payload, SegmentRole::Signature]),
        5 => (
            TokenKind::Jwe,
            &[
                SegmentRole::Header,
                SegmentRole::EncryptedKey,
                SegmentRole::InitializationVector,
                SegmentRole::Ciphertext,
                SegmentRole::AuthenticationTag,
            ],
        ),
        found => return Err(TokenError::SegmentCount { found }),
    };

    let mut errors = Vec::new();
    let segments: Vec<Segment> = spans
        .iter()
        .zip(roles)
        .map(|(span, role)| {
            let segment_text = text.get(span.start..span.end).unwrap_or_default();
            match base64url::decode(segment_text) {
                Ok(decoded) => Segment {
                    role: *role,
                    span: *span,
                    decoded: Ok(decoded.bytes),
                    non_canonical: decoded.non_canonical,
                },
                Err(error) => Segment { role: *role, span: *span, decoded: Err(error), non_canonical: Vec::new() },
            }
        })
        .collect();

    let header = segments.first().and_then(|s| s.decoded.as_ref().ok()).map(|bytes| Content::from_bytes(bytes));
    match &header {
        Some(Content::Json { root, .. }) if !matches!(root.value, json::Value::Object(_)) => {
            errors.push(TokenError::HeaderNotObject(root.value.type_name()));
        }
        Some(Content::Text { json_error, .. }) => errors.push(TokenError::HeaderNotJson(json_error.clone())),
        Some(Content::Binary { utf8_error, .. }) => errors.push(TokenError::HeaderNotUtf8(utf8_error.clone())),
        _ => {}
    }
    let unencoded_payload = kind == TokenKind::Jws
        && header
            .as_ref()
            .and_then(Content::object)
            .and_then(|h| h.get("b64"))
            .is_some_and(|b64| b64.value == json::Value::Bool(false));

    let mut payload = None;
    for (number, segment) in segments.iter().enumerate() {
        let unencoded = unencoded_payload && segment.role == SegmentRole::Payload;
        if unencoded {
            let raw = text.get(segment.span.start..segment.span.end).unwrap_or_default();
            payload = Some(Content::from_bytes(raw.as_bytes()));
            continue;
        }
        match &segment.decoded {
            Ok(bytes) if segment.role == SegmentRole::Payload => payload = Some(Content::from_bytes(bytes)),
            Ok(_) => {}
            Err(source) => errors.push(TokenError::Base64 {
                segment: number + 1,
                offset: source.byte_offset().map(|o| o + segment.span.start),
                source: source.clone(),
            }),
        }
    }
    // Errors in segment order, header problems after the base64 ones of the same segment.
    errors.sort_by_key(|e| match e {
        TokenError::Base64 { segment, .. } => (*segment, 0),
        _ => (1, 1),
    });

    Ok(Token { text: text.to_owned(), kind, segments, header, payload, unencoded_payload, errors })
}

impl Token {
    /// The header object, when the header decoded to one.
    pub fn header_object(&self) -> Option<&Node> {
        self.header.as_ref().and_then(Content::object)
    }

    /// The payload object, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Node> {
        self.payload.as_ref().and_then(Content::object)
    }

    /// The first segment with this role.
    pub fn segment(&self, role: SegmentRole) -> Option<&Segment> {
        self.segments.iter().find(|s| s.role == role)
    }

    /// A segment's text as received (still encoded, unless it is an unencoded payload).
    pub fn segment_text(&self, role: SegmentRole) -> Option<&str> {
        self.segment(role).and_then(|s| self.text.get(s.span.start..s.span.end))
    }

    /// The exact bytes that were signed: `header.payload` as received (RFC 7515 §5.2).
    pub fn signing_input(&self) -> Option<&str> {
        let payload = self.segment(SegmentRole::Payload)?;
        self.text.get(..payload.span.end)
    }

    /// The signature bytes, when the segment decoded.
    pub fn signature(&self) -> Option<&[u8]> {
        self.segment(SegmentRole::Signature).and_then(|s| s.decoded.as_ref().ok()).map(Vec::as_slice)
    }

    /// Every segment that was not canonical base64url, with how.
    pub fn non_canonical(&self) -> impl Iterator<Item = (&Segment, NonCanonical)> {
        self.segments.iter().flat_map(|s| s.non_canonical.iter().map(move |n| (s, *n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HS256: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn jws_segments_are_decoded_with_spans() {
        let token = parse(HS256).expect("parses");
        assert_eq!(token.kind, TokenKind::Jws);
        assert!(token.errors.is_empty());
        assert_eq!(token.header_object().and_then(|h| h.get_str("alg")), Some("HS256"));
        assert_eq!(token.signature().map(<[u8]>::len), Some(32));
        assert_eq!(token.signing_input().map(str::len), HS256.rfind('.'));
    }

    #[test]
    fn bad_character_names_segment_and_position() {
        let broken = HS256.replacen("eyJpc3Mi", "eyJpc3M*", 1);
        let token = parse(&broken).expect("still parses");
        let error = token.errors.first().expect("error");
        assert_eq!(error.to_string(), "segment 2, character 8: '*' is not base64url");
        assert_eq!(error.offset(), broken.find('*'));
        // The header is still shown.
        assert!(token.header_object().is_some());
    }

    #[test]
    fn wrong_segment_count_is_explained() {
        let error = parse("abc.def").expect_err("two segments");
        assert!(error.to_string().ends_with("this text has 2"), "{error}");
    }

    #[test]
    fn jwe_header_is_shown_and_payload_is_not() {
        let jwe = format!("{}.a.b.c.d", base64url::encode(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#));
        let token = parse(&jwe).expect("parses");
        assert_eq!(token.kind, TokenKind::Jwe);
        assert_eq!(token.header_object().and_then(|h| h.get_str("enc")), Some("A256GCM"));
        assert!(token.payload.is_none());
    }

    #[test]
    fn non_object_payloads_are_shown_as_what_they_are() {
        let header = base64url::encode(br#"{"alg":"none"}"#);
        for (payload, expected) in [
            (&b"[1,2]"[..], "JSON (an array)"),
            (b"\"s\"", "JSON (a string)"),
            (b"hello", "text that is not JSON"),
            (b"\xff\xfe", "binary data (not UTF-8)"),
        ] {
            let token = parse(&format!("{header}.{}.", base64url::encode(payload))).expect("parses");
            assert_eq!(token.payload.as_ref().map(Content::describe).as_deref(), Some(expected));
        }
    }

    #[test]
    fn header_that_is_not_json_is_reported() {
        let token = parse(&format!("{}.e30.", base64url::encode(b"{alg"))).expect("parses");
        assert!(matches!(token.errors.first(), Some(TokenError::HeaderNotJson(_))));
    }
}
