//! The aws-lc-rs parameters for each JOSE algorithm and curve, in one place (verifying,
//! signing, generating keys and the weak-secret search all read them here).

use aws_lc_rs::{hmac, signature as sig};

use crate::jose::alg::{Algorithm, Curve};

/// The HMAC of HS256/384/512; `None` for the other algorithms.
pub fn hmac(alg: Algorithm) -> Option<hmac::Algorithm> {
    match alg {
        Algorithm::HS256 => Some(hmac::HMAC_SHA256),
        Algorithm::HS384 => Some(hmac::HMAC_SHA384),
        Algorithm::HS512 => Some(hmac::HMAC_SHA512),
        _ => None,
    }
}

/// Fixed-length (JOSE r‖s) ECDSA signing on `curve`; P-256 for a curve that is not ECDSA's.
pub fn ecdsa_signing(curve: Curve) -> &'static sig::EcdsaSigningAlgorithm {
    match curve {
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
        Curve::Secp256k1 => &sig::ECDSA_P256K1_SHA256_FIXED_SIGNING,
        Curve::P256 | Curve::Ed25519 => &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
    }
}

/// Fixed-length (JOSE r‖s) ECDSA verification on `curve`; `None` for a curve that is not ECDSA's.
pub fn ecdsa(curve: Curve) -> Option<&'static sig::EcdsaVerificationAlgorithm> {
    match curve {
        Curve::P256 => Some(&sig::ECDSA_P256_SHA256_FIXED),
        Curve::P384 => Some(&sig::ECDSA_P384_SHA384_FIXED),
        Curve::P521 => Some(&sig::ECDSA_P521_SHA512_FIXED),
        Curve::Secp256k1 => Some(&sig::ECDSA_P256K1_SHA256_FIXED),
        Curve::Ed25519 => None,
    }
}

/// ML-DSA signing (FIPS 204) for `ML-DSA-44/65/87`; `None` for the other algorithms.
pub fn ml_dsa_signing(alg: Algorithm) -> Option<&'static sig::PqdsaSigningAlgorithm> {
    match alg {
        Algorithm::MlDsa44 => Some(&sig::ML_DSA_44_SIGNING),
        Algorithm::MlDsa65 => Some(&sig::ML_DSA_65_SIGNING),
        Algorithm::MlDsa87 => Some(&sig::ML_DSA_87_SIGNING),
        _ => None,
    }
}

/// ML-DSA verification (FIPS 204, empty context, RFC 9964 §3) for `ML-DSA-44/65/87`.
pub fn ml_dsa(alg: Algorithm) -> Option<&'static sig::PqdsaVerificationAlgorithm> {
    match alg {
        Algorithm::MlDsa44 => Some(&sig::ML_DSA_44),
        Algorithm::MlDsa65 => Some(&sig::ML_DSA_65),
        Algorithm::MlDsa87 => Some(&sig::ML_DSA_87),
        _ => None,
    }
}
