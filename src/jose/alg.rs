//! The JWS algorithms the inspector knows (RFC 7518 §3, RFC 8037), including the ones
//! jsonwebtoken cannot name (`none`, ES512), and how a header's `alg` text maps onto them.

use std::fmt;

/// A JWS `alg` this tool can verify and sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256 and MGF1 with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384 and MGF1 with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512 and MGF1 with SHA-512.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512 (jsonwebtoken cannot name it).
    ES512,
    /// EdDSA; Ed25519 is the one curve supported (RFC 8037).
    EdDSA,
}

/// The key family an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// A shared secret (HS*).
    Hmac,
    /// An RSA key pair (RS*, PS*).
    Rsa,
    /// An elliptic-curve key pair (ES*).
    Ec,
    /// An octet key pair, RFC 8037 (EdDSA).
    Okp,
}

/// Elliptic curves for ECDSA and EdDSA keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Curve {
    /// NIST P-256 (secp256r1).
    #[serde(rename = "P-256")]
    P256,
    /// NIST P-384 (secp384r1).
    #[serde(rename = "P-384")]
    P384,
    /// NIST P-521 (secp521r1).
    #[serde(rename = "P-521")]
    P521,
    /// Edwards25519, for EdDSA.
    Ed25519,
}

impl Curve {
    /// The name JWK `crv` uses: `P-256`, `P-384`, `P-521`, `Ed25519`.
    pub fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Ed25519 => "Ed25519",
        }
    }

    /// From a JWK `crv` name, exactly as [`Curve::name`] writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "P-256" => Some(Self::P256),
            "P-384" => Some(Self::P384),
            "P-521" => Some(Self::P521),
            "Ed25519" => Some(Self::Ed25519),
            _ => None,
        }
    }

    /// Size of one coordinate (or of the Ed25519 public key) in bytes.
    pub fn coordinate_len(self) -> usize {
        match self {
            Self::P256 | Self::Ed25519 => 32,
            Self::P384 => 48,
            Self::P521 => 66,
        }
    }

    /// The JWS algorithm that uses this curve.
    pub fn algorithm(self) -> Algorithm {
        match self {
            Self::P256 => Algorithm::ES256,
            Self::P384 => Algorithm::ES384,
            Self::P521 => Algorithm::ES512,
            Self::Ed25519 => Algorithm::EdDSA,
        }
    }
}

impl Algorithm {
    /// Every algorithm, in the order of RFC 7518's table (EdDSA last).
    pub const ALL: [Self; 13] = [
        Self::HS256,
        Self::HS384,
        Self::HS512,
        Self::RS256,
        Self::RS384,
        Self::RS512,
        Self::PS256,
        Self::PS384,
        Self::PS512,
        Self::ES256,
        Self::ES384,
        Self::ES512,
        Self::EdDSA,
    ];

    /// The `alg` value, exactly (case matters).
    pub fn name(self) -> &'static str {
        match self {
            Self::HS256 => "HS256",
            Self::HS384 => "HS384",
            Self::HS512 => "HS512",
            Self::RS256 => "RS256",
            Self::RS384 => "RS384",
            Self::RS512 => "RS512",
            Self::PS256 => "PS256",
            Self::PS384 => "PS384",
            Self::PS512 => "PS512",
            Self::ES256 => "ES256",
            Self::ES384 => "ES384",
            Self::ES512 => "ES512",
            Self::EdDSA => "EdDSA",
        }
    }

    /// Exact, case-sensitive match (RFC 7515 §4.1.1: `alg` is case-sensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// The kind of key the algorithm needs.
    pub fn family(self) -> Family {
        match self {
            Self::HS256 | Self::HS384 | Self::HS512 => Family::Hmac,
            Self::RS256 | Self::RS384 | Self::RS512 | Self::PS256 | Self::PS384 | Self::PS512 => Family::Rsa,
            Self::ES256 | Self::ES384 | Self::ES512 => Family::Ec,
            Self::EdDSA => Family::Okp,
        }
    }

    /// The curve an ECDSA/EdDSA algorithm requires.
    pub fn curve(self) -> Option<Curve> {
        match self {
            Self::ES256 => Some(Curve::P256),
            Self::ES384 => Some(Curve::P384),
            Self::ES512 => Some(Curve::P521),
            Self::EdDSA => Some(Curve::Ed25519),
            _ => None,
        }
    }

    /// Hash output length in bytes (the minimum sensible HMAC key size, RFC 7518 §3.2).
    pub fn hash_len(self) -> usize {
        match self {
            Self::HS256 | Self::RS256 | Self::PS256 | Self::ES256 => 32,
            Self::HS384 | Self::RS384 | Self::PS384 | Self::ES384 => 48,
            Self::HS512 | Self::RS512 | Self::PS512 | Self::ES512 | Self::EdDSA => 64,
        }
    }

    /// The signature length this algorithm always produces, when it is fixed
    /// (RSA signatures are as long as the modulus).
    #[allow(clippy::match_same_arms, reason = "a table, one row per algorithm")]
    pub fn fixed_signature_len(self) -> Option<usize> {
        match self {
            Self::HS256 => Some(32),
            Self::HS384 => Some(48),
            Self::HS512 => Some(64),
            Self::ES256 => Some(64),
            Self::ES384 => Some(96),
            Self::ES512 => Some(132),
            Self::EdDSA => Some(64),
            _ => None,
        }
    }

    /// Whether signing the same input twice gives the same bytes.
    pub fn is_deterministic(self) -> bool {
        !matches!(self.family(), Family::Ec) && !matches!(self, Self::PS256 | Self::PS384 | Self::PS512)
    }

    /// jsonwebtoken's name for it, where it has one (it has no ES512).
    pub fn to_jsonwebtoken(self) -> Option<jsonwebtoken::Algorithm> {
        use jsonwebtoken::Algorithm as J;
        Some(match self {
            Self::HS256 => J::HS256,
            Self::HS384 => J::HS384,
            Self::HS512 => J::HS512,
            Self::RS256 => J::RS256,
            Self::RS384 => J::RS384,
            Self::RS512 => J::RS512,
            Self::PS256 => J::PS256,
            Self::PS384 => J::PS384,
            Self::PS512 => J::PS512,
            Self::ES256 => J::ES256,
            Self::ES384 => J::ES384,
            Self::EdDSA => J::EdDSA,
            Self::ES512 => return None,
        })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a header's `alg` member says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlgHeader {
    /// An algorithm this tool implements, named exactly.
    Known(Algorithm),
    /// `none` in any capitalisation: an unsecured JWS (RFC 7515 §A.5). The text is kept.
    None(String),
    /// A string this tool does not implement (or a known name in the wrong case).
    Unsupported(String),
    /// `alg` is present but not a string.
    NotAString(&'static str),
    /// The header has no `alg` member.
    Missing,
}

impl AlgHeader {
    /// Reads the header's `alg` member (`None`: the header has none).
    pub fn from_header(alg: Option<&crate::jose::json::Node>) -> Self {
        let Some(node) = alg else { return Self::Missing };
        let Some(text) = node.value.as_str() else { return Self::NotAString(node.value.type_name()) };
        if text.eq_ignore_ascii_case("none") {
            return Self::None(text.to_owned());
        }
        match Algorithm::from_name(text) {
            Some(alg) => Self::Known(alg),
            None => Self::Unsupported(text.to_owned()),
        }
    }

    /// The algorithm, when the header names one this tool implements.
    pub fn known(&self) -> Option<Algorithm> {
        match self {
            Self::Known(alg) => Some(*alg),
            _ => None,
        }
    }

    /// The alg as the header gives it, when it is a string (`None` when absent or not a
    /// string: a value, for `--json`, never a display word).
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Known(alg) => Some(alg.name()),
            Self::None(text) | Self::Unsupported(text) => Some(text),
            Self::NotAString(_) | Self::Missing => None,
        }
    }

    /// Text for reports: the algorithm's name, what the header said, or `(missing)` /
    /// `(a number)` when it gives no string.
    pub fn label(&self) -> String {
        match self {
            Self::Known(alg) => alg.name().to_owned(),
            Self::None(text) | Self::Unsupported(text) => text.clone(),
            Self::NotAString(kind) => format!("({kind})"),
            Self::Missing => "(missing)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for alg in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
        }
        assert_eq!(Algorithm::from_name("hs256"), None);
    }

    #[test]
    fn none_is_recognised_in_any_capitalisation() {
        for text in ["none", "None", "NONE", "nOnE"] {
            let node = crate::jose::json::parse(&format!("\"{text}\"")).expect("json");
            assert_eq!(AlgHeader::from_header(Some(&node)), AlgHeader::None(text.to_owned()));
        }
    }
}
