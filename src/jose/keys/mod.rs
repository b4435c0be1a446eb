//! Key material from whatever the user has: an HMAC secret in a stated encoding, PEM
//! (SPKI, PKCS#1, PKCS#8, SEC1, X.509 certificate), the same as DER, a JWK or a JWKS.
//! Every key is reduced to its raw public parts (RSA n/e, an uncompressed EC point, an
//! Ed25519 point, an ML-DSA public key) so that the verifier never depends on the format it came in, and is
//! described for people: type, size or curve, kid, fitting algorithms, RFC 7638 thumbprint.
//!
//! PEM and ASN.1 are read with RustCrypto's `pem`, `spki`, `pkcs1`, `pkcs8`, `sec1` and
//! `x509-cert`; public keys are derived from private ones with `aws-lc-rs`.

mod akp;
mod der;
mod describe;
mod jwk;
mod pem;

pub use akp::{from_seed as ml_dsa_from_seed, oid as ml_dsa_oid};
pub use der::from_der;
pub use describe::Misfit;
pub use jwk::from_jwk;
use jwk::load_json;
use pem::load_pem;

use base64::Engine as _;

pub use crate::jose::material::{KeyMaterial, PrivateKey};

/// How the text of an HMAC secret is to be read. The user states it; the core never guesses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretEncoding {
    /// The UTF-8 bytes of the text, as typed.
    #[default]
    Utf8,
    /// Standard base64 (padding optional).
    Base64,
    /// URL-safe base64 (padding optional).
    Base64Url,
    /// Hexadecimal, upper or lower case.
    Hex,
}

impl SecretEncoding {
    /// Every encoding, in the order the GUI offers them.
    pub const ALL: [Self; 4] = [Self::Utf8, Self::Base64, Self::Base64Url, Self::Hex];

    /// Stable, for settings and `--secret-encoding`: `utf8`, `base64`, `base64url`, `hex`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf8",
            Self::Base64 => "base64",
            Self::Base64Url => "base64url",
            Self::Hex => "hex",
        }
    }

    /// For people: "text", "base64", "base64url", "hex".
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "text",
            Self::Base64 => "base64",
            Self::Base64Url => "base64url",
            Self::Hex => "hex",
        }
    }

    /// The secret bytes this text stands for in this encoding.
    pub fn decode(self, text: &str) -> Result<Vec<u8>, KeyError> {
        let bad = |why: String| KeyError::SecretEncoding { encoding: self.label(), why };
        match self {
            Self::Utf8 => Ok(text.as_bytes().to_vec()),
            Self::Base64 | Self::Base64Url => {
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                let engine = if self == Self::Base64 { &LENIENT_STANDARD } else { &LENIENT_URL };
                engine.decode(compact.as_bytes()).map_err(|e| bad(e.to_string()))
            }
            Self::Hex => {
                let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
                let compact = compact.strip_prefix(b"0x").unwrap_or(&compact);
                if !compact.len().is_multiple_of(2) {
                    return Err(bad(format!("{} hex digits is an odd number", compact.len())));
                }
                compact
                    .chunks(2)
                    .enumerate()
                    .map(|(i, pair)| {
                        std::str::from_utf8(pair)
                            .ok()
                            .and_then(|s| u8::from_str_radix(s, 16).ok())
                            .ok_or_else(|| bad(format!("characters {}-{} are not hex digits", 2 * i + 1, 2 * i + 2)))
                    })
                    .collect()
            }
        }
    }
}

impl std::str::FromStr for SecretEncoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" | "text" => Ok(Self::Utf8),
            "base64" => Ok(Self::Base64),
            "base64url" => Ok(Self::Base64Url),
            "hex" => Ok(Self::Hex),
            other => Err(format!("unknown secret encoding {other:?}: use utf8, base64, base64url or hex")),
        }
    }
}

const LENIENT_STANDARD: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);
const LENIENT_URL: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Details of the X.509 certificate a key came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CertificateInfo {
    /// The subject's distinguished name, as an RFC 4514 string (`CN=…,O=…`).
    pub subject: String,
    /// The issuer's distinguished name, as an RFC 4514 string.
    pub issuer: String,
    /// Unix seconds.
    pub not_before: i64,
    /// Unix seconds.
    pub not_after: i64,
}

/// A loaded key with everything the user should see about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// Where it came from, for people: a file name, "pasted secret", "JWKS key 2".
    pub source: String,
    /// The format it was read from, e.g. "PEM SPKI public key".
    pub format: String,
    /// The key id: the JWK's `kid`, or one given to the key (the demo's; a generated key's
    /// thumbprint).
    pub kid: Option<String>,
    /// The JWK's `alg`, when it names one.
    pub jwk_alg: Option<String>,
    /// The key itself, reduced to what signing and verifying need.
    pub material: KeyMaterial,
    /// The certificate it came from, when it came from one.
    pub certificate: Option<CertificateInfo>,
    /// For secrets: the text as typed and how it was read (for repair hints).
    pub secret_text: Option<(String, SecretEncoding)>,
    /// For public keys read from PEM: the PEM text (for the key-confusion check, which
    /// tries it as an HMAC secret, as vulnerable libraries do).
    pub pem_text: Option<String>,
    /// Things the loader noticed and repaired (CRLF line ends, missing PEM armour), for people.
    pub notes: Vec<String>,
    /// Whether the PEM text had CRLF line ends (HMAC over PEM text depends on the exact bytes).
    pub crlf_line_ends: bool,
    /// Where the key came from, as a fact the verifier and the shells can act on.
    pub origin: Origin,
    /// The material parsed for the crypto library, per algorithm, on first use.
    pub(crate) prepared: crate::jose::prepared::Prepared,
}

/// Where a key came from. The verifier treats some origins differently: the bundled demo
/// key only checks the demo token, and a secret found in the public list is named as such.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A file, a drop, a paste or a command-line argument: the user's own key.
    #[default]
    Loaded,
    /// The GUI's HMAC secret field (or `--secret`).
    SecretField,
    /// Bundled demo material (public).
    Demo,
    /// Generated in this session.
    Generated,
    /// Found automatically in the built-in list of publicly known secrets.
    KnownSecret,
}

/// A key input that could not be used, and why: listed beside the usable keys, never a
/// reason to drop the whole report.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnusableKey {
    /// The file or paste it came from.
    pub source: String,
    /// Why it could not be used.
    pub error: KeyError,
}

/// Why key material could not be loaded. Messages say what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(into = "String")]
pub enum KeyError {
    /// The input has no bytes, or only whitespace.
    #[error("the key is empty")]
    Empty,
    /// The secret text is not valid in the stated encoding.
    #[error("the secret is not valid {encoding}: {why}")]
    SecretEncoding {
        /// The encoding the user chose, as labelled.
        encoding: &'static str,
        /// What in the text does not fit it.
        why: String,
    },
    /// The PEM armour or base64 is broken (the message names the line).
    #[error("the PEM text could not be read: {0}")]
    Pem(String),
    /// A PEM block that holds no key (its label is kept).
    #[error(
        "the PEM block is {0:?}, which holds no key this tool reads (expected PUBLIC KEY, RSA PUBLIC KEY, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE)"
    )]
    PemLabel(String),
    /// An encrypted private key (the PEM label or the PKCS#8 scheme is kept).
    #[error("the private key is encrypted ({0}): decrypt it first, e.g. `openssl pkcs8 -in key.pem -out plain.pem`")]
    Encrypted(String),
    /// DER that does not decode as what its label or shape says it is.
    #[error("the {what} could not be decoded: {why}")]
    Der {
        /// What was being decoded: "EC private key", "certificate's public key"….
        what: &'static str,
        /// The decoder's message.
        why: String,
    },
    /// A key type or curve this tool does not implement, named as people name it
    /// ("Ed448", "brainpoolP256r1", "an EC curve with OID 1.2.3").
    #[error(
        "{0} is not supported yet (this tool verifies with RSA, EC P-256/P-384/P-521/secp256k1, Ed25519, ML-DSA and HMAC keys)"
    )]
    Unsupported(String),
    /// No format this tool reads matches the bytes.
    #[error(
        "the bytes are not a key in any format this tool reads (PEM, DER SPKI/PKCS#1/PKCS#8/SEC1/X.509, JWK or JWKS)"
    )]
    Unrecognised,
    /// JSON that is neither a JWK nor a JWKS (the parser's message).
    #[error("the JSON is not a JWK or JWKS: {0}")]
    Json(String),
    /// A JWK that cannot be used: what is missing or wrong.
    #[error("the JWK {0}")]
    Jwk(String),
    /// A JWKS with no key this tool can use, or whose `keys` is not an array.
    #[error("the JWKS has no keys this tool reads: {0}")]
    Jwks(String),
    /// An EC public point that is not on its curve or has the wrong length.
    #[error("the EC point is not on {curve} or has the wrong length ({len} bytes)")]
    BadPoint {
        /// The curve named for the point.
        curve: &'static str,
        /// The point's length in bytes.
        len: usize,
    },
}

impl From<KeyError> for String {
    fn from(error: KeyError) -> Self {
        error.to_string()
    }
}

/// Result of loading one input (a file or a paste), which may hold several keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The usable keys, in input order.
    pub keys: Vec<Key>,
    /// Members of a JWKS or PEM blocks that were skipped, with why.
    pub warnings: Vec<String>,
}

/// An HMAC secret from text in the stated encoding.
pub fn secret_from_text(text: &str, encoding: SecretEncoding, source: &str) -> Result<Key, KeyError> {
    let bytes = encoding.decode(text)?;
    Ok(Key {
        source: source.to_owned(),
        format: format!("HMAC secret ({})", encoding.label()),
        kid: None,
        jwk_alg: None,
        material: KeyMaterial::Secret(bytes),
        certificate: None,
        secret_text: Some((text.to_owned(), encoding)),
        pem_text: None,
        notes: Vec::new(),
        crlf_line_ends: false,
        origin: Origin::SecretField,
        prepared: crate::jose::prepared::Prepared::default(),
    })
}

/// Loads whatever key material the bytes hold: PEM (one or more blocks), a JWK, a JWKS,
/// base64 DER without PEM armour, or binary DER. `source` names it for people.
pub fn load(bytes: &[u8], source: &str) -> Result<Loaded, KeyError> {
    let trimmed = trim_ascii(bytes);
    if trimmed.is_empty() {
        return Err(KeyError::Empty);
    }
    if matches!(trimmed.first(), Some(b'{' | b'[')) {
        return load_json(trimmed, source);
    }
    if contains(trimmed, b"-----BEGIN") {
        return load_pem(trimmed, source);
    }
    if let Ok(text) = std::str::from_utf8(trimmed) {
        // A PEM body pasted without its BEGIN/END lines: base64 text that is DER.
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() >= 32
            && let Ok(der) = LENIENT_STANDARD.decode(compact.as_bytes())
            && let Ok(mut key) = from_der(&der, source)
        {
            key.format = format!("{} (base64 without PEM armour)", key.format);
            key.notes.push(
                "this text is a PEM body without its -----BEGIN/END----- lines; it was read as base64 DER".to_owned(),
            );
            return Ok(Loaded { keys: vec![key], warnings: Vec::new() });
        }
    }
    from_der(trimmed, source).map(|key| Loaded { keys: vec![key], warnings: Vec::new() })
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::alg::Algorithm;
    use crate::jose::base64url;

    #[test]
    fn secrets_are_read_in_the_stated_encoding() {
        assert_eq!(SecretEncoding::Utf8.decode("abc"), Ok(b"abc".to_vec()));
        assert_eq!(SecretEncoding::Base64.decode("YWJj"), Ok(b"abc".to_vec()));
        assert_eq!(SecretEncoding::Base64Url.decode("_-8"), Ok(vec![0xff, 0xef]));
        assert_eq!(SecretEncoding::Hex.decode("0x61 62 63"), Ok(b"abc".to_vec()));
        let error = SecretEncoding::Hex.decode("abc").expect_err("odd");
        assert_eq!(error.to_string(), "the secret is not valid hex: 3 hex digits is an odd number");
    }

    #[test]
    fn rfc7638_thumbprint_example_matches() {
        // RFC 7638 §3.1.
        let jwk = serde_json::json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        let key = from_jwk(&jwk, "test").expect("loads");
        assert_eq!(key.thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assert_eq!(key.short_name(), "RSA 2048");
        assert_eq!(key.kid.as_deref(), Some("2011-04-29"));
    }

    #[test]
    fn wrong_curve_is_explained() {
        let jwk = serde_json::json!({
            "kty": "EC", "crv": "P-384",
            "x": base64url::encode([1u8; 48]), "y": base64url::encode([2u8; 48])
        });
        let key = from_jwk(&jwk, "t").expect("loads");
        let misfit = key.fit(Algorithm::ES256).expect_err("misfit");
        assert_eq!(misfit.to_string(), "this is an EC P-384 key; the token says ES256, which needs P-256");
    }

    #[test]
    fn garbage_is_unrecognised_not_a_panic() {
        assert_eq!(load(b"\x30\x03\x02\x01", "x"), Err(KeyError::Unrecognised));
        assert_eq!(load(b"   ", "x"), Err(KeyError::Empty));
        assert!(matches!(load(b"{\"keys\": []}", "x"), Err(KeyError::Jwks(_))));
        assert!(matches!(load(b"-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "x"), Err(KeyError::PemLabel(_))));
    }
}
