//! Key material reduced to what verification and signing need: an HMAC secret, RSA `n`/`e`, an
//! uncompressed EC point, an Ed25519 point, and the private key's DER when there is one.
//! Knows nothing of formats (that is `keys`) or of the crypto library (that is `prepared`).

use std::fmt;

use crate::jose::alg::Curve;

/// A private key kept for signing, in the DER form it came in.
#[derive(Clone, PartialEq, Eq)]
pub enum PrivateKey {
    /// PKCS#8 `PrivateKeyInfo` (any key type).
    Pkcs8(Vec<u8>),
    /// PKCS#1 `RSAPrivateKey`.
    Pkcs1(Vec<u8>),
    /// SEC1 `ECPrivateKey`.
    Sec1(Vec<u8>),
}

// Never print private bytes, not even in debug output.
impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey([redacted])")
    }
}

/// The key itself, reduced to what verification needs.
#[derive(Clone, PartialEq, Eq)]
pub enum KeyMaterial {
    /// HMAC shared secret.
    Secret(Vec<u8>),
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
        private: Option<PrivateKey>,
    },
    /// `point` is the uncompressed SEC1 point `04 ‖ x ‖ y`.
    Ec {
        curve: Curve,
        point: Vec<u8>,
        private: Option<PrivateKey>,
    },
    /// `public` is the 32-byte Ed25519 point.
    Ed25519 {
        public: Vec<u8>,
        private: Option<PrivateKey>,
    },
}

impl fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Secret(bytes) => write!(f, "Secret({} bytes, [redacted])", bytes.len()),
            Self::Rsa { n, private, .. } => write!(f, "Rsa({} bits, private: {})", n.len() * 8, private.is_some()),
            Self::Ec { curve, private, .. } => write!(f, "Ec({}, private: {})", curve.name(), private.is_some()),
            Self::Ed25519 { private, .. } => write!(f, "Ed25519(private: {})", private.is_some()),
        }
    }
}

/// The modulus size in bits.
pub fn rsa_bits(n: &[u8]) -> usize {
    let n = n.get(n.iter().take_while(|b| **b == 0).count()..).unwrap_or_default();
    match n.first() {
        Some(first) => n.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}
