//! Base64url as RFC 7515 §2 defines it (URL-safe alphabet, no padding), with a lenient
//! fallback: padded or standard-alphabet text still decodes, and the decoder says how it
//! departed from the canonical form so the inspector can report it instead of hiding it.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Strict RFC 7515 encoding: URL-safe alphabet, no padding, zero trailing bits.
pub const STRICT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_encode_padding(false).with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

// Accepts non-zero trailing bits so that a sloppy encoder's output still decodes.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// Encodes bytes as canonical base64url (no padding).
pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    STRICT.encode(bytes)
}

/// A way in which accepted text was not canonical base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NonCanonical {
    /// `=` padding at the end.
    Padding,
    /// `+` or `/` from the standard base64 alphabet.
    StandardAlphabet,
    /// The last character carries bits that are not zero.
    TrailingBits,
}

impl NonCanonical {
    /// What is non-canonical, as a clause after "the segment".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Padding => "uses '=' padding, which base64url in JOSE omits",
            Self::StandardAlphabet => "uses '+' or '/' from standard base64 instead of '-' and '_'",
            Self::TrailingBits => "its last character has non-zero unused bits",
        }
    }
}

/// Bytes decoded from base64url text, and how the text departed from the canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// Empty when the text was canonical.
    pub non_canonical: Vec<NonCanonical>,
}

/// Why text is not base64url. Positions are 1-based characters within the text, as a
/// person counts them; `byte_offset` is 0-based, for highlighting.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Base64Error {
    /// A character outside both base64 alphabets.
    #[error("character {position}: {found:?} is not base64url")]
    InvalidCharacter {
        /// 1-based character position.
        position: usize,
        /// 0-based byte offset.
        byte_offset: usize,
        /// The character.
        found: char,
    },
    /// `=` before the end of the text.
    #[error("character {position}: '=' padding may only stand at the end")]
    MisplacedPadding {
        /// 1-based character position.
        position: usize,
        /// 0-based byte offset.
        byte_offset: usize,
    },
    /// A length no encoding produces (4n + 1 characters).
    #[error("{length} characters cannot be base64url (a length of 4n+1 leaves a lone 6-bit character)")]
    ImpossibleLength {
        /// The number of characters, padding left out.
        length: usize,
    },
}

impl Base64Error {
    /// Byte offset of the offending character within the text, when there is one.
    pub fn byte_offset(&self) -> Option<usize> {
        match self {
            Self::InvalidCharacter { byte_offset, .. } | Self::MisplacedPadding { byte_offset, .. } => {
                Some(*byte_offset)
            }
            Self::ImpossibleLength { .. } => None,
        }
    }
}

/// Decodes base64url, accepting padding and the standard alphabet but reporting them.
pub fn decode(text: &str) -> Result<Decoded, Base64Error> {
    // The common case, canonical text, decodes as it is (the strict engine accepts nothing
    // else); anything it refuses takes the careful path below, which says what is wrong.
    if let Ok(bytes) = STRICT.decode(text) {
        return Ok(Decoded { bytes, non_canonical: Vec::new() });
    }
    let mut non_canonical = Vec::new();
    let mut normalized = String::with_capacity(text.len());
    let mut padding_from: Option<(usize, usize)> = None;
    for (index, (byte_offset, c)) in text.char_indices().enumerate() {
        let position = index + 1;
        if c == '=' {
            padding_from.get_or_insert((position, byte_offset));
            continue;
        }
        if let Some((pad_position, pad_offset)) = padding_from {
            // Something follows a '=': the padding was not at the end.
            return Err(Base64Error::MisplacedPadding { position: pad_position, byte_offset: pad_offset });
        }
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => normalized.push(c),
            '+' | '/' => {
                if !non_canonical.contains(&NonCanonical::StandardAlphabet) {
                    non_canonical.push(NonCanonical::StandardAlphabet);
                }
                normalized.push(if c == '+' { '-' } else { '_' });
            }
            found => return Err(Base64Error::InvalidCharacter { position, byte_offset, found }),
        }
    }
    if padding_from.is_some() {
        non_canonical.push(NonCanonical::Padding);
    }
    if normalized.len() % 4 == 1 {
        return Err(Base64Error::ImpossibleLength { length: normalized.len() });
    }
    if let Ok(bytes) = STRICT.decode(&normalized) {
        return Ok(Decoded { bytes, non_canonical });
    }
    // Only the trailing bits can differ between the strict and lenient engines once the
    // alphabet and length are known to be right.
    let bytes = LENIENT.decode(&normalized).map_err(|_| Base64Error::ImpossibleLength { length: normalized.len() })?;
    non_canonical.push(NonCanonical::TrailingBits);
    Ok(Decoded { bytes, non_canonical })
}

/// Number of base64url characters that encode `bytes` bytes (no padding).
pub fn encoded_len(bytes: usize) -> usize {
    bytes / 3 * 4 + [0, 2, 3].get(bytes % 3).copied().unwrap_or(0)
}

/// The range of characters of an encoded segment that carry the decoded bytes
/// `start..end`: base64url maps 3 bytes to 4 characters, so the edges may be shared with
/// neighbouring bytes. Returns `(first_char, end_char, partial_start, partial_end)` where
/// the flags say whether the edge characters also carry bits of other bytes.
pub fn chars_for_bytes(start: usize, end: usize) -> (usize, usize, bool, bool) {
    let first_char = start * 4 / 3;
    let end_char = (end * 8).div_ceil(6);
    let partial_start = !(start * 8).is_multiple_of(6);
    let partial_end = !(end * 8).is_multiple_of(6);
    (first_char, end_char, partial_start, partial_end)
}

/// The range of decoded bytes that the encoded characters `start..end` contribute to.
pub fn bytes_for_chars(start: usize, end: usize) -> (usize, usize) {
    (start * 6 / 8, (end * 6).div_ceil(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_decodes_without_remarks() {
        let decoded = decode("eyJhbGciOiJIUzI1NiJ9").expect("valid");
        assert_eq!(decoded.bytes, br#"{"alg":"HS256"}"#);
        assert!(decoded.non_canonical.is_empty());
    }

    #[test]
    fn padding_and_standard_alphabet_are_accepted_and_reported() {
        let decoded = decode("+/8=").expect("lenient");
        assert_eq!(decoded.bytes, vec![0xfb, 0xff]);
        assert_eq!(decoded.non_canonical, vec![NonCanonical::StandardAlphabet, NonCanonical::Padding]);
    }

    #[test]
    fn nonzero_trailing_bits_are_reported() {
        let decoded = decode("QR").expect("lenient");
        assert_eq!(decoded.bytes, b"A");
        assert_eq!(decoded.non_canonical, vec![NonCanonical::TrailingBits]);
    }

    #[test]
    fn invalid_character_is_named_with_its_position() {
        let error = decode("abcdefghijklmnop*q").expect_err("invalid");
        assert_eq!(error.to_string(), "character 17: '*' is not base64url");
        assert_eq!(error.byte_offset(), Some(16));
    }

    #[test]
    fn padding_in_the_middle_is_rejected() {
        let error = decode("ab=cd").expect_err("invalid");
        assert_eq!(error.to_string(), "character 3: '=' padding may only stand at the end");
    }

    #[test]
    fn impossible_length_is_explained() {
        let error = decode("abcde").expect_err("invalid");
        assert!(error.to_string().starts_with("5 characters cannot be base64url"));
    }

    #[test]
    fn byte_and_char_ranges_map_both_ways() {
        // Bytes 0..3 are exactly characters 0..4.
        assert_eq!(chars_for_bytes(0, 3), (0, 4, false, false));
        // Byte 1 alone spans characters 1..3, sharing both edges.
        assert_eq!(chars_for_bytes(1, 2), (1, 3, true, true));
        assert_eq!(bytes_for_chars(0, 4), (0, 3));
        assert_eq!(encoded_len(4), 6);
    }
}
