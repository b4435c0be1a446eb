//! The JWS algorithms the inspector knows (RFC 7518 §3, RFC 8037, RFC 8812 ES256K, RFC 9864's
//! fully specified `Ed25519`, RFC 9964 ML-DSA), including the ones jsonwebtoken cannot name
//! (`none`, ES512, ES256K, ML-DSA), the registered ones it names but cannot check (`Ed448`), and
//! how a header's `alg` text maps onto them.

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
    /// ECDSA on secp256k1 with SHA-256 (RFC 8812; jsonwebtoken cannot name it).
    ES256K,
    /// EdDSA; Ed25519 is the one curve supported (RFC 8037). Deprecated by RFC 9864 in favour
    /// of the fully specified [`Algorithm::Ed25519`].
    EdDSA,
    /// EdDSA on Ed25519, fully specified (RFC 9864): the same signature as `EdDSA` with an
    /// Ed25519 key.
    Ed25519,
    /// ML-DSA-44 (FIPS 204, RFC 9964), with an `AKP` key.
    #[serde(rename = "ML-DSA-44")]
    MlDsa44,
    /// ML-DSA-65 (FIPS 204, RFC 9964), with an `AKP` key.
    #[serde(rename = "ML-DSA-65")]
    MlDsa65,
    /// ML-DSA-87 (FIPS 204, RFC 9964), with an `AKP` key.
    #[serde(rename = "ML-DSA-87")]
    MlDsa87,
}

/// A registered JWS `alg` this tool names but cannot check: the verdict says so in these
/// terms instead of calling it an unknown string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Unimplemented {
    /// EdDSA on Ed448, fully specified (RFC 9864).
    Ed448,
}

impl Unimplemented {
    /// Every one, for name lookups.
    pub const ALL: [Self; 1] = [Self::Ed448];

    /// The `alg` value, exactly.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ed448 => "Ed448",
        }
    }

    /// Why it cannot be checked, for people.
    pub fn why(self) -> &'static str {
        match self {
            // aws-lc-rs (the crypto backend) has no Ed448, and no Ed448 crate has been
            // checked against RFC 8032's vectors for this tool yet.
            Self::Ed448 => "Ed448 (RFC 9864) is not supported: the crypto library this tool uses has no Ed448",
        }
    }

    /// Exact, case-sensitive match.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.name() == name)
    }
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
    /// An octet key pair, RFC 8037 (EdDSA, Ed25519).
    Okp,
    /// An algorithm key pair, RFC 9964 (ML-DSA): the key is bound to one algorithm.
    Akp,
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
    /// secp256k1, for ES256K (RFC 8812).
    #[serde(rename = "secp256k1")]
    Secp256k1,
    /// Edwards25519, for EdDSA.
    Ed25519,
}

impl Curve {
    /// The name JWK `crv` uses: `P-256`, `P-384`, `P-521`, `secp256k1`, `Ed25519`.
    pub fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Secp256k1 => "secp256k1",
            Self::Ed25519 => "Ed25519",
        }
    }

    /// From a JWK `crv` name, exactly as [`Curve::name`] writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "P-256" => Some(Self::P256),
            "P-384" => Some(Self::P384),
            "P-521" => Some(Self::P521),
            "secp256k1" => Some(Self::Secp256k1),
            "Ed25519" => Some(Self::Ed25519),
            _ => None,
        }
    }

    /// Size of one coordinate (or of the Ed25519 public key) in bytes.
    pub fn coordinate_len(self) -> usize {
        match self {
            Self::P256 | Self::Secp256k1 | Self::Ed25519 => 32,
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
            Self::Secp256k1 => Algorithm::ES256K,
            Self::Ed25519 => Algorithm::EdDSA,
        }
    }
}

impl Algorithm {
    /// Every algorithm, in the order of RFC 7518's table, then ES256K, EdDSA and Ed25519, and
    /// ML-DSA last.
    pub const ALL: [Self; 18] = [
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
        Self::ES256K,
        Self::EdDSA,
        Self::Ed25519,
        Self::MlDsa44,
        Self::MlDsa65,
        Self::MlDsa87,
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
            Self::ES256K => "ES256K",
            Self::EdDSA => "EdDSA",
            Self::Ed25519 => "Ed25519",
            Self::MlDsa44 => "ML-DSA-44",
            Self::MlDsa65 => "ML-DSA-65",
            Self::MlDsa87 => "ML-DSA-87",
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
            Self::ES256 | Self::ES384 | Self::ES512 | Self::ES256K => Family::Ec,
            Self::EdDSA | Self::Ed25519 => Family::Okp,
            Self::MlDsa44 | Self::MlDsa65 | Self::MlDsa87 => Family::Akp,
        }
    }

    /// The curve an ECDSA/EdDSA algorithm requires.
    pub fn curve(self) -> Option<Curve> {
        match self {
            Self::ES256 => Some(Curve::P256),
            Self::ES384 => Some(Curve::P384),
            Self::ES512 => Some(Curve::P521),
            Self::ES256K => Some(Curve::Secp256k1),
            Self::EdDSA | Self::Ed25519 => Some(Curve::Ed25519),
            _ => None,
        }
    }

    /// Hash output length in bytes (the minimum sensible HMAC key size, RFC 7518 §3.2); for
    /// ML-DSA, the 64-byte message representative μ.
    pub fn hash_len(self) -> usize {
        match self {
            Self::HS256 | Self::RS256 | Self::PS256 | Self::ES256 | Self::ES256K => 32,
            Self::HS384 | Self::RS384 | Self::PS384 | Self::ES384 => 48,
            Self::HS512
            | Self::RS512
            | Self::PS512
            | Self::ES512
            | Self::EdDSA
            | Self::Ed25519
            | Self::MlDsa44
            | Self::MlDsa65
            | Self::MlDsa87 => 64,
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
            Self::ES256K => Some(64),
            Self::EdDSA | Self::Ed25519 => Some(64),
            // FIPS 204 Table 2.
            Self::MlDsa44 => Some(2420),
            Self::MlDsa65 => Some(3309),
            Self::MlDsa87 => Some(4627),
            _ => None,
        }
    }

    /// Whether signing the same input twice gives the same bytes (aws-lc-rs signs ML-DSA
    /// hedged, with fresh randomness).
    pub fn is_deterministic(self) -> bool {
        !matches!(self.family(), Family::Ec | Family::Akp) && !matches!(self, Self::PS256 | Self::PS384 | Self::PS512)
    }

    /// jsonwebtoken's name for it, where it has one (it has no ES512, ES256K or ML-DSA;
    /// `Ed25519` is its `EdDSA`: the same signature).
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
            Self::EdDSA | Self::Ed25519 => J::EdDSA,
            Self::ES512 | Self::ES256K | Self::MlDsa44 | Self::MlDsa65 | Self::MlDsa87 => return None,
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
    /// A registered algorithm this tool names but cannot check (`Ed448`).
    Unimplemented(Unimplemented),
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
        match (Algorithm::from_name(text), Unimplemented::from_name(text)) {
            (Some(alg), _) => Self::Known(alg),
            (None, Some(alg)) => Self::Unimplemented(alg),
            (None, None) => Self::Unsupported(text.to_owned()),
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
            Self::Unimplemented(alg) => Some(alg.name()),
            Self::None(text) | Self::Unsupported(text) => Some(text),
            Self::NotAString(_) | Self::Missing => None,
        }
    }

    /// Text for reports: the algorithm's name, what the header said, or `(missing)` /
    /// `(a number)` when it gives no string.
    pub fn label(&self) -> String {
        match self {
            Self::Known(alg) => alg.name().to_owned(),
            Self::Unimplemented(alg) => alg.name().to_owned(),
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
