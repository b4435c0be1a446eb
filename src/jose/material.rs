//! Key material reduced to what verification and signing need: an HMAC secret, RSA `n`/`e`, an
//! uncompressed EC point, an Ed25519 point, an ML-DSA public key, and the private key's DER
//! when there is one.
//! Knows nothing of formats (that is `keys`) or of the crypto library (that is `prepared`).

use std::fmt;

use crate::jose::alg::{Algorithm, Curve};

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
    /// An RSA public key, and its private key when signing is possible.
    Rsa {
        /// The modulus, big-endian.
        n: Vec<u8>,
        /// The public exponent, big-endian.
        e: Vec<u8>,
        /// The private key, for signing.
        private: Option<PrivateKey>,
    },
    /// An ECDSA public key on a NIST curve or secp256k1.
    Ec {
        /// P-256, P-384, P-521 or secp256k1.
        curve: Curve,
        /// The uncompressed SEC1 point `04 ‖ x ‖ y`.
        point: Vec<u8>,
        /// The private key, for signing.
        private: Option<PrivateKey>,
    },
    /// An Ed25519 public key.
    Ed25519 {
        /// The 32-byte public point.
        public: Vec<u8>,
        /// The private key, for signing.
        private: Option<PrivateKey>,
    },
    /// An algorithm key pair (RFC 9964 `AKP`): an ML-DSA key, bound to one algorithm.
    Akp {
        /// The ML-DSA parameter set it belongs to.
        alg: Algorithm,
        /// The raw public key (FIPS 204 `pk`; 1312, 1952 or 2592 bytes).
        public: Vec<u8>,
        /// The private key, for signing (PKCS#8 in the seed form).
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
            Self::Akp { alg, private, .. } => write!(f, "Akp({alg}, private: {})", private.is_some()),
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
