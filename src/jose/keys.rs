//! Key material from whatever the user has: an HMAC secret in a stated encoding, PEM
//! (SPKI, PKCS#1, PKCS#8, SEC1, X.509 certificate), the same as DER, a JWK or a JWKS.
//! Every key is reduced to its raw public parts (RSA n/e, an uncompressed EC point, an
//! Ed25519 point) so that the verifier never depends on the format it came in, and is
//! described for people: type, size or curve, kid, fitting algorithms, RFC 7638 thumbprint.
//!
//! PEM and ASN.1 are read with RustCrypto's `pem`, `spki`, `pkcs1`, `pkcs8`, `sec1` and
//! `x509-cert`; public keys are derived from private ones with `aws-lc-rs`.

use std::fmt;

use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;
use x509_cert::der::{Decode as _, Encode as _};

use crate::jose::alg::{Algorithm, Curve, Family};
use crate::jose::base64url;
use crate::jose::material::rsa_bits;
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
    pub const ALL: [Self; 4] = [Self::Utf8, Self::Base64, Self::Base64Url, Self::Hex];

    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf8",
            Self::Base64 => "base64",
            Self::Base64Url => "base64url",
            Self::Hex => "hex",
        }
    }

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
    pub subject: String,
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
    pub kid: Option<String>,
    /// The JWK's `alg`, when it names one.
    pub jwk_alg: Option<String>,
    pub material: KeyMaterial,
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
    pub error: KeyError,
}

/// Why key material could not be loaded. Messages say what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(into = "String")]
pub enum KeyError {
    #[error("the key is empty")]
    Empty,
    #[error("the secret is not valid {encoding}: {why}")]
    SecretEncoding { encoding: &'static str, why: String },
    #[error("the PEM text could not be read: {0}")]
    Pem(String),
    #[error(
        "the PEM block is {0:?}, which holds no key this tool reads (expected PUBLIC KEY, RSA PUBLIC KEY, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE)"
    )]
    PemLabel(String),
    #[error("the private key is encrypted ({0}): decrypt it first, e.g. `openssl pkcs8 -in key.pem -out plain.pem`")]
    Encrypted(String),
    #[error("the {what} could not be decoded: {why}")]
    Der { what: &'static str, why: String },
    /// A key type or curve this tool does not implement, named as people name it
    /// ("secp256k1 (ES256K)", "Ed448", "an EC curve with OID 1.2.3").
    #[error("{0} is not supported yet (this tool verifies with RSA, EC P-256/P-384/P-521, Ed25519 and HMAC keys)")]
    Unsupported(String),
    #[error(
        "the bytes are not a key in any format this tool reads (PEM, DER SPKI/PKCS#1/PKCS#8/SEC1/X.509, JWK or JWKS)"
    )]
    Unrecognised,
    #[error("the JSON is not a JWK or JWKS: {0}")]
    Json(String),
    #[error("the JWK {0}")]
    Jwk(String),
    #[error("the JWKS has no keys this tool reads: {0}")]
    Jwks(String),
    #[error("the EC point is not on {curve} or has the wrong length ({len} bytes)")]
    BadPoint { curve: &'static str, len: usize },
}

impl From<KeyError> for String {
    fn from(error: KeyError) -> Self {
        error.to_string()
    }
}

/// Result of loading one input (a file or a paste), which may hold several keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
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
        prepared: Default::default(),
    })
}

/// Loads whatever key material the bytes hold: PEM (one or more blocks), a JWK, a JWKS,
/// base64 DER without PEM armour, or binary DER. `source` names it for people.
pub fn load(bytes: &[u8], source: &str) -> Result<Loaded, KeyError> {
    let trimmed = trim_ascii(bytes);
    if trimmed.is_empty() {
        return Err(KeyError::Empty);
    }
    if trimmed.first() == Some(&b'{') {
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

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn load_pem(bytes: &[u8], source: &str) -> Result<Loaded, KeyError> {
    let had_crlf = contains(bytes, b"\r\n");
    let blocks = pem::parse_many(bytes).map_err(|e| KeyError::Pem(pem_problem(bytes).unwrap_or(e.to_string())))?;
    if blocks.is_empty() {
        return Err(KeyError::Pem(
            pem_problem(bytes).unwrap_or_else(|| "no complete -----BEGIN …----- / -----END …----- block".to_owned()),
        ));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut loaded = Loaded::default();
    let mut first_error = None;
    for (index, block) in blocks.iter().enumerate() {
        let name = if blocks.len() > 1 { format!("{source} (block {})", index + 1) } else { source.to_owned() };
        match from_pem_block(block, &name) {
            Ok(mut key) => {
                if had_crlf {
                    key.crlf_line_ends = true;
                    key.notes.push("the PEM had CRLF (Windows) line ends; they were accepted".to_owned());
                }
                if blocks.len() == 1 && !matches!(key.material, KeyMaterial::Secret(_)) {
                    key.pem_text = Some(text.clone());
                }
                loaded.keys.push(key);
            }
            Err(error) => {
                loaded.warnings.push(format!("{name}: {error}"));
                first_error.get_or_insert(error);
            }
        }
    }
    match (loaded.keys.is_empty(), first_error) {
        (true, Some(error)) => Err(error),
        _ => Ok(loaded),
    }
}

/// Where PEM text goes wrong, by line (1-based), as people fix it in an editor.
fn pem_problem(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut open: Option<(usize, String)> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if let Some(label) = line.strip_prefix("-----BEGIN ").and_then(|l| l.strip_suffix("-----")) {
            if let Some((start, label)) = &open {
                return Some(format!(
                    "line {number}: a new BEGIN line, but the {label} block from line {start} has no END line"
                ));
            }
            open = Some((number, label.to_owned()));
        } else if let Some(label) = line.strip_prefix("-----END ").and_then(|l| l.strip_suffix("-----")) {
            match open.take() {
                None => return Some(format!("line {number}: an END line with no BEGIN line before it")),
                Some((_, begun)) if begun != label => {
                    return Some(format!("line {number}: END {label} does not close BEGIN {begun}"));
                }
                Some(_) => {}
            }
        } else if line.starts_with("-----") {
            return Some(format!(
                "line {number}: a malformed armour line (expected -----BEGIN …----- or -----END …-----)"
            ));
        } else if open.is_some()
            && !line.contains(':')
            && let Some(bad) = line.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
        {
            return Some(format!("line {number}: {bad:?} is not a base64 character"));
        }
    }
    open.map(|(start, label)| format!("line {start}: the {label} block is never closed by an END line"))
}

fn from_pem_block(block: &pem::Pem, source: &str) -> Result<Key, KeyError> {
    let der = block.contents();
    let (mut key, format) = match block.tag() {
        "PUBLIC KEY" => (from_spki(der, source)?, "PEM SPKI public key"),
        "RSA PUBLIC KEY" => (from_pkcs1_public(der, source)?, "PEM PKCS#1 RSA public key"),
        "RSA PRIVATE KEY" => (from_pkcs1_private(der, source)?, "PEM PKCS#1 RSA private key"),
        "PRIVATE KEY" => (from_pkcs8(der, source)?, "PEM PKCS#8 private key"),
        "EC PRIVATE KEY" => (from_sec1(der, source, None)?, "PEM SEC1 EC private key"),
        "CERTIFICATE" => (from_certificate(der, source)?, "PEM X.509 certificate"),
        "ENCRYPTED PRIVATE KEY" => return Err(KeyError::Encrypted("PKCS#8 EncryptedPrivateKeyInfo".to_owned())),
        other => return Err(KeyError::PemLabel(other.to_owned())),
    };
    if block.headers().get("Proc-Type").is_some_and(|v| v.contains("ENCRYPTED")) {
        return Err(KeyError::Encrypted("legacy OpenSSL Proc-Type: ENCRYPTED".to_owned()));
    }
    key.format = format.to_owned();
    Ok(key)
}

/// Tries each DER structure in turn; the first that decodes wins.
pub fn from_der(der: &[u8], source: &str) -> Result<Key, KeyError> {
    type Reader = fn(&[u8], &str) -> Result<Key, KeyError>;
    let attempts: [(&str, Reader); 6] = [
        ("DER SPKI public key", from_spki),
        ("DER X.509 certificate", from_certificate),
        ("DER PKCS#8 private key", from_pkcs8),
        ("DER PKCS#1 RSA public key", from_pkcs1_public),
        ("DER PKCS#1 RSA private key", from_pkcs1_private),
        ("DER SEC1 EC private key", |der, source| from_sec1(der, source, None)),
    ];
    let mut structural_error = None;
    for (format, attempt) in attempts {
        match attempt(der, source) {
            Ok(mut key) => {
                key.format = format.to_owned();
                return Ok(key);
            }
            // A DER structure that decoded but holds something unsupported is the real answer.
            Err(error @ (KeyError::Unsupported(_) | KeyError::BadPoint { .. })) => {
                structural_error.get_or_insert(error);
            }
            Err(_) => {}
        }
    }
    Err(structural_error.unwrap_or(KeyError::Unrecognised))
}

fn der_error<E: fmt::Display>(what: &'static str) -> impl Fn(E) -> KeyError {
    move |e| KeyError::Der { what, why: e.to_string() }
}

mod oid {
    use x509_cert::der::asn1::ObjectIdentifier as Oid;
    pub const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
    pub const RSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
    pub const EC: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
    pub const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
    pub const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
    pub const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
    pub const P521: Oid = Oid::new_unwrap("1.3.132.0.35");
}

fn curve_from_oid(oid: &x509_cert::der::asn1::ObjectIdentifier) -> Result<Curve, KeyError> {
    match *oid {
        oid::P256 => Ok(Curve::P256),
        oid::P384 => Ok(Curve::P384),
        oid::P521 => Ok(Curve::P521),
        other => Err(KeyError::Unsupported(unsupported_name(&other.to_string()))),
    }
}

/// Key types and curves people meet that this tool does not implement, by the names people
/// use; anything else by its OID.
fn unsupported_name(oid: &str) -> String {
    let name = match oid {
        "1.3.132.0.10" => "secp256k1 (ES256K)",
        "1.2.840.10045.3.1.1" => "the P-192 curve",
        "1.3.132.0.33" => "the P-224 curve",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519 (a key-agreement key, used by JWE ECDH-ES)",
        "1.3.101.111" => "X448 (a key-agreement key)",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.840.113549.1.3.1" => "Diffie-Hellman",
        "2.16.840.1.101.3.4.3.17" => "ML-DSA-44",
        "2.16.840.1.101.3.4.3.18" => "ML-DSA-65",
        "2.16.840.1.101.3.4.3.19" => "ML-DSA-87",
        _ => return format!("a key with algorithm or curve OID {oid}"),
    };
    name.to_owned()
}

/// A JWK `crv` this tool does not implement, by the name people use.
fn unsupported_crv(crv: &str) -> String {
    match crv {
        "secp256k1" => "secp256k1 (ES256K)".to_owned(),
        "X25519" => "X25519 (a key-agreement key, used by JWE ECDH-ES)".to_owned(),
        "Ed448" | "X448" => crv.to_owned(),
        other => format!("the curve {other:?}"),
    }
}

fn curve_from_params(params: Option<x509_cert::der::AnyRef<'_>>) -> Result<Curve, KeyError> {
    let params = params.ok_or_else(|| KeyError::Unsupported("an EC key without curve parameters".to_owned()))?;
    let oid: x509_cert::der::asn1::ObjectIdentifier = params.decode_as().map_err(|_| {
        KeyError::Unsupported("an EC key with explicit curve parameters (not a named curve)".to_owned())
    })?;
    curve_from_oid(&oid)
}

fn plain_key(source: &str, material: KeyMaterial) -> Key {
    Key {
        source: source.to_owned(),
        format: String::new(),
        kid: None,
        jwk_alg: None,
        material,
        certificate: None,
        secret_text: None,
        pem_text: None,
        notes: Vec::new(),
        crlf_line_ends: false,
        origin: Origin::Loaded,
        prepared: Default::default(),
    }
}

fn ec_key(curve: Curve, point: &[u8], private: Option<PrivateKey>, source: &str) -> Result<Key, KeyError> {
    let expected = 1 + 2 * curve.coordinate_len();
    if point.len() != expected || point.first() != Some(&0x04) {
        return Err(KeyError::BadPoint { curve: curve.name(), len: point.len() });
    }
    Ok(plain_key(source, KeyMaterial::Ec { curve, point: point.to_vec(), private }))
}

fn from_spki(der: &[u8], source: &str) -> Result<Key, KeyError> {
    let spki = spki::SubjectPublicKeyInfoRef::try_from(der).map_err(der_error("SPKI public key"))?;
    let key_bytes = spki.subject_public_key.raw_bytes();
    match spki.algorithm.oid {
        oid::RSA | oid::RSA_PSS => from_pkcs1_public(key_bytes, source),
        oid::EC => ec_key(curve_from_params(spki.algorithm.parameters)?, key_bytes, None, source),
        oid::ED25519 => {
            if key_bytes.len() != 32 {
                return Err(KeyError::BadPoint { curve: "Ed25519", len: key_bytes.len() });
            }
            Ok(plain_key(source, KeyMaterial::Ed25519 { public: key_bytes.to_vec(), private: None }))
        }
        other => Err(KeyError::Unsupported(unsupported_name(&other.to_string()))),
    }
}

fn from_pkcs1_public(der: &[u8], source: &str) -> Result<Key, KeyError> {
    let key = pkcs1::RsaPublicKeyRef::try_from(der).map_err(der_error("PKCS#1 RSA public key"))?;
    Ok(plain_key(
        source,
        KeyMaterial::Rsa {
            n: key.modulus.as_bytes().to_vec(),
            e: key.public_exponent.as_bytes().to_vec(),
            private: None,
        },
    ))
}

fn from_pkcs1_private(der: &[u8], source: &str) -> Result<Key, KeyError> {
    let key = pkcs1::RsaPrivateKeyRef::try_from(der).map_err(der_error("PKCS#1 RSA private key"))?;
    Ok(plain_key(
        source,
        KeyMaterial::Rsa {
            n: key.modulus.as_bytes().to_vec(),
            e: key.public_exponent.as_bytes().to_vec(),
            private: Some(PrivateKey::Pkcs1(der.to_vec())),
        },
    ))
}

fn from_pkcs8(der: &[u8], source: &str) -> Result<Key, KeyError> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(der).map_err(der_error("PKCS#8 private key"))?;
    let private = Some(PrivateKey::Pkcs8(der.to_vec()));
    match info.algorithm.oid {
        oid::RSA | oid::RSA_PSS => {
            let mut key = from_pkcs1_private(info.private_key.as_bytes(), source)?;
            if let KeyMaterial::Rsa { private: slot, .. } = &mut key.material {
                *slot = private;
            }
            Ok(key)
        }
        oid::EC => {
            let curve = curve_from_params(info.algorithm.parameters)?;
            from_sec1(info.private_key.as_bytes(), source, Some((curve, der)))
        }
        oid::ED25519 => {
            let pair = aws_lc_rs::signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
                .map_err(|e| KeyError::Der { what: "Ed25519 private key", why: e.to_string() })?;
            Ok(plain_key(source, KeyMaterial::Ed25519 { public: pair.public_key().as_ref().to_vec(), private }))
        }
        other => Err(KeyError::Unsupported(unsupported_name(&other.to_string()))),
    }
}

/// SEC1 `ECPrivateKey`, on its own or inside PKCS#8 (`pkcs8` then carries the curve and
/// the outer DER).
fn from_sec1(der: &[u8], source: &str, pkcs8: Option<(Curve, &[u8])>) -> Result<Key, KeyError> {
    let key = sec1::EcPrivateKey::try_from(der).map_err(der_error("SEC1 EC private key"))?;
    let curve = match (pkcs8, key.parameters.and_then(|p| p.named_curve())) {
        (Some((curve, _)), _) => curve,
        (None, Some(oid)) => curve_from_oid(&oid)?,
        (None, None) => return Err(KeyError::Unsupported("a SEC1 EC key that names no curve".to_owned())),
    };
    let private = match pkcs8 {
        Some((_, outer)) => PrivateKey::Pkcs8(outer.to_vec()),
        None => PrivateKey::Sec1(der.to_vec()),
    };
    let point = match key.public_key {
        Some(point) => point.to_vec(),
        None => derive_ec_point(curve, &private)?,
    };
    ec_key(curve, &point, Some(private), source)
}

fn derive_ec_point(curve: Curve, private: &PrivateKey) -> Result<Vec<u8>, KeyError> {
    let alg = crate::jose::params::ecdsa_signing(curve);
    let pair = match private {
        PrivateKey::Pkcs8(der) => aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(alg, der),
        PrivateKey::Sec1(der) | PrivateKey::Pkcs1(der) => {
            aws_lc_rs::signature::EcdsaKeyPair::from_private_key_der(alg, der)
        }
    }
    .map_err(|e| KeyError::Der { what: "EC private key", why: e.to_string() })?;
    Ok(pair.public_key().as_ref().to_vec())
}

fn from_certificate(der: &[u8], source: &str) -> Result<Key, KeyError> {
    let cert = x509_cert::Certificate::from_der(der).map_err(der_error("X.509 certificate"))?;
    let tbs = cert.tbs_certificate();
    let spki = tbs.subject_public_key_info().to_der().map_err(der_error("certificate's public key"))?;
    let mut key = from_spki(&spki, source)?;
    let seconds = |t: x509_cert::time::Time| i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    key.certificate = Some(CertificateInfo {
        subject: tbs.subject().to_string(),
        issuer: tbs.issuer().to_string(),
        not_before: seconds(tbs.validity().not_before),
        not_after: seconds(tbs.validity().not_after),
    });
    Ok(key)
}

// ---- JWK / JWKS (RFC 7517, RFC 8037) ----

fn load_json(bytes: &[u8], source: &str) -> Result<Loaded, KeyError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| KeyError::Json(e.to_string()))?;
    let Some(object) = value.as_object() else {
        return Err(KeyError::Json("expected a JSON object".to_owned()));
    };
    if let Some(keys) = object.get("keys") {
        let Some(keys) = keys.as_array() else {
            return Err(KeyError::Jwks("\"keys\" is not an array".to_owned()));
        };
        let mut loaded = Loaded::default();
        for (index, jwk) in keys.iter().enumerate() {
            let name = format!("{source} (key {})", index + 1);
            match from_jwk(jwk, &name) {
                Ok(key) => loaded.keys.push(key),
                Err(error) => loaded.warnings.push(format!("{name}: {error}")),
            }
        }
        if loaded.keys.is_empty() {
            let why = if keys.is_empty() { "\"keys\" is empty".to_owned() } else { loaded.warnings.join("; ") };
            return Err(KeyError::Jwks(why));
        }
        return Ok(loaded);
    }
    from_jwk(&value, source).map(|key| Loaded { keys: vec![key], warnings: Vec::new() })
}

fn jwk_bytes(jwk: &serde_json::Value, member: &str) -> Result<Vec<u8>, KeyError> {
    let text = jwk
        .get(member)
        .ok_or_else(|| KeyError::Jwk(format!("has no {member:?} member")))?
        .as_str()
        .ok_or_else(|| KeyError::Jwk(format!("member {member:?} is not a string")))?;
    base64url::decode(text).map(|d| d.bytes).map_err(|e| KeyError::Jwk(format!("member {member:?}: {e}")))
}

/// One JWK object.
pub fn from_jwk(jwk: &serde_json::Value, source: &str) -> Result<Key, KeyError> {
    let text = |name: &str| jwk.get(name).and_then(serde_json::Value::as_str).map(str::to_owned);
    let kty = text("kty").ok_or_else(|| KeyError::Jwk("has no \"kty\" string member".to_owned()))?;
    let has_private = jwk.get("d").is_some();
    let (material, format) = match kty.as_str() {
        "oct" => (KeyMaterial::Secret(jwk_bytes(jwk, "k")?), "JWK oct (HMAC secret)"),
        "RSA" => {
            let (n, e) = (strip_leading_zeros(jwk_bytes(jwk, "n")?), jwk_bytes(jwk, "e")?);
            let private = if has_private { Some(rsa_private_from_jwk(jwk, &n, &e)?) } else { None };
            (KeyMaterial::Rsa { n, e, private }, if has_private { "JWK RSA private key" } else { "JWK RSA public key" })
        }
        "EC" => {
            let crv = text("crv").ok_or_else(|| KeyError::Jwk("has no \"crv\"".to_owned()))?;
            let curve = match Curve::from_name(&crv) {
                Some(curve) if curve != Curve::Ed25519 => curve,
                _ => return Err(KeyError::Unsupported(unsupported_crv(&crv))),
            };
            let (x, y) = (jwk_bytes(jwk, "x")?, jwk_bytes(jwk, "y")?);
            let len = curve.coordinate_len();
            if x.len() != len || y.len() != len {
                return Err(KeyError::Jwk(format!(
                    "{}: x and y must be {len} bytes each, they are {} and {}",
                    curve.name(),
                    x.len(),
                    y.len()
                )));
            }
            let point = [&[0x04][..], &x, &y].concat();
            let private =
                if has_private { Some(ec_private_from_jwk(curve, &jwk_bytes(jwk, "d")?, &point)?) } else { None };
            let key = ec_key(curve, &point, private, source)?;
            (key.material, if has_private { "JWK EC private key" } else { "JWK EC public key" })
        }
        "OKP" => {
            let crv = text("crv").unwrap_or_default();
            if crv != "Ed25519" {
                return Err(KeyError::Unsupported(unsupported_crv(&crv)));
            }
            let public = jwk_bytes(jwk, "x")?;
            if public.len() != 32 {
                return Err(KeyError::BadPoint { curve: "Ed25519", len: public.len() });
            }
            let private = if has_private {
                let seed = jwk_bytes(jwk, "d")?;
                let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_and_public_key(&seed, &public)
                    .map_err(|e| KeyError::Jwk(format!("\"d\" does not match \"x\": {e}")))?;
                let pkcs8 =
                    pair.to_pkcs8().map_err(|_| KeyError::Jwk("Ed25519 key could not be re-encoded".to_owned()))?;
                Some(PrivateKey::Pkcs8(pkcs8.as_ref().to_vec()))
            } else {
                None
            };
            (
                KeyMaterial::Ed25519 { public, private },
                if has_private { "JWK Ed25519 private key" } else { "JWK Ed25519 public key" },
            )
        }
        other => return Err(KeyError::Jwk(format!("kty {other:?} is not RSA, EC, OKP or oct"))),
    };
    let mut key = plain_key(source, material);
    key.format = format.to_owned();
    key.kid = text("kid");
    key.jwk_alg = text("alg");
    Ok(key)
}

/// A PKCS#1 `RSAPrivateKey` from a private RSA JWK's CRT members (RFC 7518 §6.3.2).
fn rsa_private_from_jwk(jwk: &serde_json::Value, n: &[u8], e: &[u8]) -> Result<PrivateKey, KeyError> {
    use x509_cert::der::Encode as _;
    let parts: Vec<Vec<u8>> =
        ["d", "p", "q", "dp", "dq", "qi"].iter().map(|m| jwk_bytes(jwk, m)).collect::<Result<_, _>>()?;
    fn uint(bytes: &[u8]) -> Result<x509_cert::der::asn1::UintRef<'_>, KeyError> {
        x509_cert::der::asn1::UintRef::new(bytes)
            .map_err(|e| KeyError::Jwk(format!("an RSA member is not an integer: {e}")))
    }
    let [d, p, q, dp, dq, qi] = parts.as_slice() else {
        return Err(KeyError::Jwk("a private RSA key needs d, p, q, dp, dq and qi".to_owned()));
    };
    let key = pkcs1::RsaPrivateKeyRef {
        modulus: uint(n)?,
        public_exponent: uint(e)?,
        private_exponent: uint(d)?,
        prime1: uint(p)?,
        prime2: uint(q)?,
        exponent1: uint(dp)?,
        exponent2: uint(dq)?,
        coefficient: uint(qi)?,
        other_prime_infos: None,
    };
    let der = key.to_der().map_err(|e| KeyError::Jwk(format!("the RSA key could not be encoded: {e}")))?;
    // Check the parts belong together before anyone signs with them.
    aws_lc_rs::rsa::KeyPair::from_der(&der)
        .map_err(|e| KeyError::Jwk(format!("the private RSA members do not form a valid key: {e}")))?;
    Ok(PrivateKey::Pkcs1(der))
}

fn ec_private_from_jwk(curve: Curve, d: &[u8], point: &[u8]) -> Result<PrivateKey, KeyError> {
    let pair = aws_lc_rs::signature::EcdsaKeyPair::from_private_key_and_public_key(
        crate::jose::params::ecdsa_signing(curve),
        d,
        point,
    )
    .map_err(|e| KeyError::Jwk(format!("\"d\" does not match \"x\"/\"y\": {e}")))?;
    let pkcs8 = pair.to_pkcs8v1().map_err(|_| KeyError::Jwk("EC key could not be re-encoded".to_owned()))?;
    Ok(PrivateKey::Pkcs8(pkcs8.as_ref().to_vec()))
}

fn strip_leading_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    bytes.drain(..zeros.min(bytes.len().saturating_sub(1)));
    bytes
}

// ---- Describing keys ----

/// Why a key cannot check a token's algorithm, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Misfit(pub String);

impl Key {
    pub fn family(&self) -> Family {
        match &self.material {
            KeyMaterial::Secret(_) => Family::Hmac,
            KeyMaterial::Rsa { .. } => Family::Rsa,
            KeyMaterial::Ec { .. } => Family::Ec,
            KeyMaterial::Ed25519 { .. } => Family::Okp,
        }
    }

    pub fn is_private(&self) -> bool {
        match &self.material {
            KeyMaterial::Secret(_) => true,
            KeyMaterial::Rsa { private, .. }
            | KeyMaterial::Ec { private, .. }
            | KeyMaterial::Ed25519 { private, .. } => private.is_some(),
        }
    }

    /// "RSA 2048", "EC P-256", "Ed25519", "HMAC 256-bit": short, for lists and verdicts.
    pub fn short_name(&self) -> String {
        match &self.material {
            KeyMaterial::Secret(bytes) => format!("HMAC {}-bit secret", bytes.len() * 8),
            KeyMaterial::Rsa { n, .. } => format!("RSA {}", rsa_bits(n)),
            KeyMaterial::Ec { curve, .. } => format!("EC {}", curve.name()),
            KeyMaterial::Ed25519 { .. } => "Ed25519".to_owned(),
        }
    }

    /// "an RSA 2048-bit public key", for sentences.
    pub fn description(&self) -> String {
        let visibility = if self.is_private() { "private" } else { "public" };
        match &self.material {
            KeyMaterial::Secret(bytes) => format!("an HMAC secret of {} bytes ({} bits)", bytes.len(), bytes.len() * 8),
            KeyMaterial::Rsa { n, .. } => format!("an RSA {}-bit {visibility} key", rsa_bits(n)),
            KeyMaterial::Ec { curve, .. } => format!("an EC {} {visibility} key", curve.name()),
            KeyMaterial::Ed25519 { .. } => format!("an Ed25519 {visibility} key"),
        }
    }

    /// Size in bits (modulus, curve order, or secret length).
    pub fn bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Secret(bytes) => bytes.len() * 8,
            KeyMaterial::Rsa { n, .. } => rsa_bits(n),
            KeyMaterial::Ec { curve, .. } => match curve {
                Curve::P256 | Curve::Ed25519 => 256,
                Curve::P384 => 384,
                Curve::P521 => 521,
            },
            KeyMaterial::Ed25519 { .. } => 256,
        }
    }

    /// The algorithms this key can verify.
    pub fn algorithms(&self) -> Vec<Algorithm> {
        Algorithm::ALL.into_iter().filter(|alg| self.fit(*alg).is_ok()).collect()
    }

    /// Whether this key can check `alg`, and if not, why, in the user's terms.
    pub fn fit(&self, alg: Algorithm) -> Result<(), Misfit> {
        let this = || self.description();
        match (&self.material, alg.family()) {
            (KeyMaterial::Secret(_), Family::Hmac) => Ok(()),
            (KeyMaterial::Rsa { .. }, Family::Rsa) => Ok(()),
            (KeyMaterial::Ec { curve, .. }, Family::Ec) if Some(*curve) == alg.curve() => Ok(()),
            (KeyMaterial::Ec { curve, .. }, Family::Ec) => Err(Misfit(format!(
                "this is an EC {} key; the token says {alg}, which needs {}",
                curve.name(),
                alg.curve().map_or("another curve", Curve::name)
            ))),
            (KeyMaterial::Ed25519 { .. }, Family::Okp) => Ok(()),
            (KeyMaterial::Secret(_), _) => {
                Err(Misfit(format!("this is {}; the token says {alg}, which needs {}", this(), needs(alg))))
            }
            (_, Family::Hmac) => Err(Misfit(format!(
                "this is {}; the token says {alg}, which needs a shared HMAC secret (checking an HMAC token with public-key material is the algorithm-confusion attack, RFC 8725 §2.1)",
                this()
            ))),
            _ => Err(Misfit(format!("this is {}; the token says {alg}, which needs {}", this(), needs(alg)))),
        }
    }

    /// RFC 7638 JWK thumbprint (SHA-256, base64url).
    pub fn thumbprint(&self) -> String {
        let b64 = |bytes: &[u8]| base64url::encode(bytes);
        // Members in lexicographic order, no whitespace (RFC 7638 §3.2).
        let canonical = match &self.material {
            KeyMaterial::Secret(k) => format!(r#"{{"k":"{}","kty":"oct"}}"#, b64(k)),
            KeyMaterial::Rsa { n, e, .. } => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b64(e), b64(n)),
            KeyMaterial::Ec { curve, point, .. } => {
                let len = curve.coordinate_len();
                let x = point.get(1..1 + len).unwrap_or_default();
                let y = point.get(1 + len..).unwrap_or_default();
                format!(r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#, curve.name(), b64(x), b64(y))
            }
            KeyMaterial::Ed25519 { public, .. } => format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, b64(public)),
        };
        b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes()).as_ref())
    }

    /// The public JWK (RFC 7517) of this key, with `kid` when it has one.
    pub fn public_jwk(&self) -> serde_json::Value {
        let b64 = |bytes: &[u8]| base64url::encode(bytes);
        let mut jwk = match &self.material {
            KeyMaterial::Secret(k) => serde_json::json!({"kty": "oct", "k": b64(k)}),
            KeyMaterial::Rsa { n, e, .. } => serde_json::json!({"kty": "RSA", "n": b64(n), "e": b64(e)}),
            KeyMaterial::Ec { curve, point, .. } => {
                let len = curve.coordinate_len();
                serde_json::json!({
                    "kty": "EC",
                    "crv": curve.name(),
                    "x": b64(point.get(1..1 + len).unwrap_or_default()),
                    "y": b64(point.get(1 + len..).unwrap_or_default()),
                })
            }
            KeyMaterial::Ed25519 { public, .. } => {
                serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": b64(public)})
            }
        };
        if let (Some(kid), Some(object)) = (&self.kid, jwk.as_object_mut()) {
            object.insert("kid".to_owned(), serde_json::Value::String(kid.clone()));
        }
        jwk
    }

    /// A name for verdicts: "RSA 2048 (kid 2024-01)" or "RSA 2048 from key.pem".
    pub fn label(&self) -> String {
        if let (Origin::KnownSecret, Some((text, _))) = (self.origin, &self.secret_text) {
            return format!("the publicly known secret {text:?}");
        }
        match &self.kid {
            Some(kid) => format!("{} (kid {kid})", self.short_name()),
            None => format!("{} from {}", self.short_name(), self.source),
        }
    }
}

fn needs(alg: Algorithm) -> &'static str {
    match alg.family() {
        Family::Hmac => "a shared HMAC secret",
        Family::Rsa => "an RSA key",
        Family::Ec => match alg.curve() {
            Some(Curve::P384) => "an EC P-384 key",
            Some(Curve::P521) => "an EC P-521 key",
            _ => "an EC P-256 key",
        },
        Family::Okp => "an Ed25519 key",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
