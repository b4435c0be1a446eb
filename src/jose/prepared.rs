//! Key material made ready for aws-lc-rs, once per algorithm and kept on the key
//! ([`Prepared`]): parsing a key costs more than an HMAC check and a tenth of an RSA
//! verification, and `verify --batch` checks thousands of tokens with the same key.

use std::sync::{Arc, OnceLock};

use aws_lc_rs::{hmac, signature as sig};

use crate::jose::alg::Algorithm;
use crate::jose::material::KeyMaterial;

/// A key made ready for one algorithm.
#[derive(Clone)]
pub(crate) enum Ready {
    /// Boxed: an HMAC key holds its two hash states (over 1 KB).
    Hmac(Box<hmac::Key>),
    Public(sig::ParsedPublicKey),
}

impl Ready {
    fn new(alg: Algorithm, material: &KeyMaterial) -> Result<Self, String> {
        // RSA keys of 1024–2047 bits are weak (the `weak-key` finding says so) but a signature
        // made with one is still good: verify it with aws-lc-rs's legacy parameters where
        // they exist (PKCS#1 v1.5 with SHA-256 or SHA-512), and say plainly where they don't.
        if let KeyMaterial::Rsa { n, .. } = material {
            let bits = crate::jose::material::rsa_bits(n);
            if bits < 1024 {
                return Err(format!(
                    "the RSA key has {bits} bits; signatures with keys under 1024 bits cannot be checked (and must not be trusted)"
                ));
            }
            if bits < 2048 {
                let legacy: Option<&'static sig::RsaParameters> = match alg {
                    Algorithm::RS256 => Some(&sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY),
                    Algorithm::RS512 => Some(&sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY),
                    _ => None,
                };
                let Some(params) = legacy else {
                    return Err(format!(
                        "the RSA key has {bits} bits, and {alg} with keys under 2048 bits cannot be checked here (aws-lc-rs verifies only RS256 and RS512 below 2048 bits)"
                    ));
                };
                let KeyMaterial::Rsa { n, e, .. } = material else { return Err(String::new()) };
                return sig::RsaPublicKeyComponents { n, e }
                    .to_parsed_public_key(params)
                    .map(Self::Public)
                    .map_err(|e| format!("the key was rejected: {e}"));
            }
        }
        let public = |params: &'static dyn sig::VerificationAlgorithm, bytes: &[u8]| {
            sig::ParsedPublicKey::new(params, bytes).map(Self::Public).map_err(|e| format!("the key was rejected: {e}"))
        };
        let rsa = |params: &'static sig::RsaParameters, n: &[u8], e: &[u8]| {
            sig::RsaPublicKeyComponents { n, e }
                .to_parsed_public_key(params)
                .map(Self::Public)
                .map_err(|e| format!("the key was rejected: {e}"))
        };
        if let (Some(hash), KeyMaterial::Secret(secret)) = (crate::jose::params::hmac(alg), material) {
            return Ok(Self::Hmac(Box::new(hmac::Key::new(hash, secret))));
        }
        match (alg, material) {
            (Algorithm::RS256, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PKCS1_2048_8192_SHA256, n, e),
            (Algorithm::RS384, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PKCS1_2048_8192_SHA384, n, e),
            (Algorithm::RS512, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PKCS1_2048_8192_SHA512, n, e),
            (Algorithm::PS256, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PSS_2048_8192_SHA256, n, e),
            (Algorithm::PS384, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PSS_2048_8192_SHA384, n, e),
            (Algorithm::PS512, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PSS_2048_8192_SHA512, n, e),
            // The curve is the algorithm's (never the key's): an ES256 token checked with a
            // secp256k1 key is parsed as P-256 and refused.
            (
                Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 | Algorithm::ES256K,
                KeyMaterial::Ec { point, .. },
            ) => match alg.curve().and_then(crate::jose::params::ecdsa) {
                Some(params) => public(params, point),
                None => Err(format!("{alg} does not use this kind of key")),
            },
            (Algorithm::EdDSA | Algorithm::Ed25519, KeyMaterial::Ed25519 { public: bytes, .. }) => {
                public(&sig::ED25519, bytes)
            }
            (_, KeyMaterial::Akp { alg: bound, public: bytes, .. }) if *bound == alg => {
                match crate::jose::params::ml_dsa(alg) {
                    Some(params) => public(params, bytes),
                    None => Err(format!("{alg} does not use this kind of key")),
                }
            }
            _ => Err(format!("{alg} does not use this kind of key")),
        }
    }

    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match self {
            Self::Hmac(key) => hmac::verify(key, message, signature).is_ok(),
            Self::Public(key) => key.verify_sig(message, signature).is_ok(),
        }
    }
}

/// A key's parsed forms, one per algorithm, made on first use and shared by clones of the
/// key. Derived from the key material alone, so it takes no part in comparing keys.
#[derive(Clone, Default)]
pub struct Prepared {
    ready: Arc<[OnceLock<Result<Ready, String>>; Algorithm::ALL.len()]>,
    /// An RSA private key parsed for decrypting a JWE's content key (aws-lc-rs refcounts the
    /// key, so each use clones a pointer, not the key).
    rsa_decrypting: Arc<OnceLock<Option<aws_lc_rs::rsa::PrivateDecryptingKey>>>,
}

impl Prepared {
    pub(crate) fn get(&self, alg: Algorithm, material: &KeyMaterial) -> Result<&Ready, String> {
        let index = Algorithm::ALL.iter().position(|a| *a == alg).unwrap_or_default();
        match self.ready.get(index) {
            Some(slot) => slot.get_or_init(|| Ready::new(alg, material)).as_ref().map_err(Clone::clone),
            None => Err(format!("{alg} is not supported")),
        }
    }
}

impl Prepared {
    /// The RSA private key for decryption, parsed by `make` on first use.
    pub(crate) fn rsa_decrypting(
        &self,
        make: impl FnOnce() -> Option<aws_lc_rs::rsa::PrivateDecryptingKey>,
    ) -> Option<aws_lc_rs::rsa::PrivateDecryptingKey> {
        self.rsa_decrypting.get_or_init(make).clone()
    }
}

impl PartialEq for Prepared {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Prepared {}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prepared")
    }
}
