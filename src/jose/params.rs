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
        Curve::P256 | Curve::Ed25519 => &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
    }
}
