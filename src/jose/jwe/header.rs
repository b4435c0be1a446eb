//! The protected header of a JWE as decryption needs it: the key management `alg`, the
//! content encryption `enc`, `zip`, `crit`, and typed access to the algorithm's own members
//! (`epk`, `apu`, `apv`, `p2s`, `p2c`, `iv`, `tag`).

use serde_json::Value;

use crate::jose::base64url;
use crate::jose::jwe::MAX_P2C;
use crate::jose::jwe::error::{JweError, MemberProblem};

/// The AES key size an algorithm name carries (`A128…`, `A192…`, `A256…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AesSize {
    /// 128 bits.
    A128,
    /// 192 bits.
    A192,
    /// 256 bits.
    A256,
}

impl AesSize {
    /// The AES key length in bytes: 16, 24 or 32.
    pub fn bytes(self) -> usize {
        match self {
            Self::A128 => 16,
            Self::A192 => 24,
            Self::A256 => 32,
        }
    }
}

/// A key management algorithm (RFC 7518 §4): how the content key reaches the recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlg {
    /// `dir`: the shared key is the content key.
    Dir,
    /// `A128KW`, `A192KW`, `A256KW`: AES key wrap (RFC 3394).
    AesKw(AesSize),
    /// `A128GCMKW`, `A192GCMKW`, `A256GCMKW`: the content key encrypted with AES-GCM.
    AesGcmKw(AesSize),
    /// `RSA1_5`: RSAES-PKCS1-v1_5, a legacy algorithm open to padding-oracle attacks.
    Rsa1_5,
    /// `RSA-OAEP`: RSAES-OAEP with SHA-1.
    RsaOaep,
    /// `RSA-OAEP-256`: RSAES-OAEP with SHA-256.
    RsaOaep256,
    /// `ECDH-ES`: the agreed key is the content key.
    EcdhEs,
    /// `ECDH-ES+A128KW` …: the agreed key wraps the content key.
    EcdhEsKw(AesSize),
    /// `PBES2-HS256+A128KW` …: a password-derived key wraps the content key.
    Pbes2(AesSize),
}

impl KeyAlg {
    /// From the header's `alg`, exactly as RFC 7518 spells it.
    pub fn from_name(name: &str) -> Option<Self> {
        use AesSize::{A128, A192, A256};
        Some(match name {
            "dir" => Self::Dir,
            "A128KW" => Self::AesKw(A128),
            "A192KW" => Self::AesKw(A192),
            "A256KW" => Self::AesKw(A256),
            "A128GCMKW" => Self::AesGcmKw(A128),
            "A192GCMKW" => Self::AesGcmKw(A192),
            "A256GCMKW" => Self::AesGcmKw(A256),
            "RSA1_5" => Self::Rsa1_5,
            "RSA-OAEP" => Self::RsaOaep,
            "RSA-OAEP-256" => Self::RsaOaep256,
            "ECDH-ES" => Self::EcdhEs,
            "ECDH-ES+A128KW" => Self::EcdhEsKw(A128),
            "ECDH-ES+A192KW" => Self::EcdhEsKw(A192),
            "ECDH-ES+A256KW" => Self::EcdhEsKw(A256),
            "PBES2-HS256+A128KW" => Self::Pbes2(A128),
            "PBES2-HS384+A192KW" => Self::Pbes2(A192),
            "PBES2-HS512+A256KW" => Self::Pbes2(A256),
            _ => return None,
        })
    }

    /// The `alg` name, as RFC 7518 spells it.
    pub fn name(self) -> &'static str {
        use AesSize::{A128, A192, A256};
        match self {
            Self::Dir => "dir",
            Self::AesKw(A128) => "A128KW",
            Self::AesKw(A192) => "A192KW",
            Self::AesKw(A256) => "A256KW",
            Self::AesGcmKw(A128) => "A128GCMKW",
            Self::AesGcmKw(A192) => "A192GCMKW",
            Self::AesGcmKw(A256) => "A256GCMKW",
            Self::Rsa1_5 => "RSA1_5",
            Self::RsaOaep => "RSA-OAEP",
            Self::RsaOaep256 => "RSA-OAEP-256",
            Self::EcdhEs => "ECDH-ES",
            Self::EcdhEsKw(A128) => "ECDH-ES+A128KW",
            Self::EcdhEsKw(A192) => "ECDH-ES+A192KW",
            Self::EcdhEsKw(A256) => "ECDH-ES+A256KW",
            Self::Pbes2(A128) => "PBES2-HS256+A128KW",
            Self::Pbes2(A192) => "PBES2-HS384+A192KW",
            Self::Pbes2(A256) => "PBES2-HS512+A256KW",
        }
    }

    /// What key the recipient needs, as a clause: "the shared secret key (an oct JWK or the
    /// secret field)".
    pub fn needs(self) -> &'static str {
        match self {
            Self::Dir | Self::AesKw(_) | Self::AesGcmKw(_) => "the shared secret key (an oct JWK or the secret field)",
            Self::Rsa1_5 | Self::RsaOaep | Self::RsaOaep256 => "the recipient's RSA private key",
            Self::EcdhEs | Self::EcdhEsKw(_) => "the recipient's EC private key on the curve of the header's epk",
            Self::Pbes2(_) => "the password (the secret field or --secret)",
        }
    }
}

/// A content encryption algorithm (RFC 7518 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentEnc {
    /// `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512`: AES-CBC with HMAC (RFC 7518 §5.2).
    CbcHmac(AesSize),
    /// `A128GCM`, `A192GCM`, `A256GCM`.
    Gcm(AesSize),
}

impl ContentEnc {
    /// From the header's `enc`, exactly as RFC 7518 spells it.
    pub fn from_name(name: &str) -> Option<Self> {
        use AesSize::{A128, A192, A256};
        Some(match name {
            "A128CBC-HS256" => Self::CbcHmac(A128),
            "A192CBC-HS384" => Self::CbcHmac(A192),
            "A256CBC-HS512" => Self::CbcHmac(A256),
            "A128GCM" => Self::Gcm(A128),
            "A192GCM" => Self::Gcm(A192),
            "A256GCM" => Self::Gcm(A256),
            _ => return None,
        })
    }

    /// The `enc` name, as RFC 7518 spells it.
    pub fn name(self) -> &'static str {
        use AesSize::{A128, A192, A256};
        match self {
            Self::CbcHmac(A128) => "A128CBC-HS256",
            Self::CbcHmac(A192) => "A192CBC-HS384",
            Self::CbcHmac(A256) => "A256CBC-HS512",
            Self::Gcm(A128) => "A128GCM",
            Self::Gcm(A192) => "A192GCM",
            Self::Gcm(A256) => "A256GCM",
        }
    }

    /// The content key length in bytes (CBC-HMAC keys hold the MAC key and the AES key).
    pub fn key_len(self) -> usize {
        match self {
            Self::CbcHmac(size) => 2 * size.bytes(),
            Self::Gcm(size) => size.bytes(),
        }
    }

    /// The initialization vector length in bytes: 16 for CBC, 12 for GCM.
    pub fn iv_len(self) -> usize {
        match self {
            Self::CbcHmac(_) => 16,
            Self::Gcm(_) => 12,
        }
    }

    /// The authentication tag length in bytes: half the HMAC for CBC-HMAC, 16 for GCM.
    pub fn tag_len(self) -> usize {
        match self {
            Self::CbcHmac(size) => size.bytes(),
            Self::Gcm(_) => 16,
        }
    }
}

/// The protected header, read for decryption.
#[derive(Clone, Debug)]
pub(super) struct Header {
    pub alg: KeyAlg,
    pub enc: ContentEnc,
    /// `zip: "DEF"`.
    pub deflate: bool,
    pub kid: Option<String>,
    pub cty: Option<String>,
    members: serde_json::Map<String, Value>,
}

impl Header {
    /// Reads the header in the order a failure is most useful to report: the algorithms, then
    /// `crit`, `zip` and the PBES2 cap, before any key or cryptography is touched.
    pub fn read(members: serde_json::Map<String, Value>) -> Result<Self, JweError> {
        let text = |name: &'static str| match members.get(name) {
            None => Err(JweError::Member { member: name, problem: MemberProblem::Missing }),
            Some(Value::String(text)) => Ok(text.clone()),
            Some(_) => Err(JweError::Member { member: name, problem: MemberProblem::NotAString }),
        };
        let alg_name = text("alg")?;
        let alg = KeyAlg::from_name(&alg_name).ok_or(JweError::UnsupportedAlg(alg_name))?;
        let enc_name = text("enc")?;
        let enc = ContentEnc::from_name(&enc_name).ok_or(JweError::UnsupportedEnc(enc_name))?;
        check_crit(&members)?;
        let deflate = match members.get("zip") {
            None => false,
            Some(Value::String(zip)) if zip == "DEF" => true,
            Some(Value::String(zip)) => return Err(JweError::UnsupportedZip(zip.clone())),
            Some(_) => return Err(JweError::Member { member: "zip", problem: MemberProblem::NotAString }),
        };
        let optional = |name: &'static str| text(name).ok();
        let header = Self { alg, enc, deflate, kid: optional("kid"), cty: optional("cty"), members };
        if let KeyAlg::Pbes2(_) = alg {
            header.p2c()?;
        }
        Ok(header)
    }

    /// A member, when present.
    pub fn member(&self, name: &str) -> Option<&Value> {
        self.members.get(name)
    }

    /// A base64url member's bytes (`iv`, `tag`, `p2s`, `apu`, `apv`); `None` when absent.
    pub fn bytes(&self, name: &'static str) -> Result<Option<Vec<u8>>, JweError> {
        match self.members.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => base64url::decode(text)
                .map(|decoded| Some(decoded.bytes))
                .map_err(|_| JweError::Member { member: name, problem: MemberProblem::NotBase64url }),
            Some(_) => Err(JweError::Member { member: name, problem: MemberProblem::NotAString }),
        }
    }

    /// A base64url member that must be present.
    pub fn required_bytes(&self, name: &'static str) -> Result<Vec<u8>, JweError> {
        self.bytes(name)?.ok_or(JweError::Member { member: name, problem: MemberProblem::Missing })
    }

    /// The PBES2 iteration count, checked against [`MAX_P2C`] before anything is computed.
    pub fn p2c(&self) -> Result<u32, JweError> {
        let bad = |problem| JweError::Member { member: "p2c", problem };
        let Some(value) = self.members.get("p2c") else { return Err(bad(MemberProblem::Missing)) };
        let Value::Number(number) = value else { return Err(bad(MemberProblem::NotAPositiveInteger)) };
        // `arbitrary_precision` keeps the digits as written: a count past u64 is still a count.
        let digits = number.to_string();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(MemberProblem::NotAPositiveInteger));
        }
        let p2c = digits.parse::<u64>().unwrap_or(u64::MAX);
        if p2c > MAX_P2C {
            return Err(JweError::P2cOverCap { p2c });
        }
        u32::try_from(p2c).ok().filter(|&n| n > 0).ok_or(bad(MemberProblem::NotAPositiveInteger))
    }
}

/// RFC 7515 §4.1.11: `crit` lists extensions the recipient must understand. This tool
/// understands none, so any well-formed `crit` is refused by naming its members.
fn check_crit(members: &serde_json::Map<String, Value>) -> Result<(), JweError> {
    let Some(crit) = members.get("crit") else { return Ok(()) };
    let Value::Array(names) = crit else { return Err(JweError::CritMalformed) };
    let mut listed: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let Value::String(name) = name else { return Err(JweError::CritMalformed) };
        // Names registered by the JWS/JWE specs themselves must not appear, and each name must
        // be present in the header.
        if listed.contains(name) || REGISTERED.contains(&name.as_str()) || !members.contains_key(name) {
            return Err(JweError::CritMalformed);
        }
        listed.push(name.clone());
    }
    if listed.is_empty() {
        return Err(JweError::CritMalformed);
    }
    Err(JweError::CritNotUnderstood(listed))
}

/// Header parameters defined by RFC 7515, 7516 and 7518, which `crit` must not list.
const REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "epk", "apu",
    "apv", "iv", "tag", "p2s", "p2c",
];
