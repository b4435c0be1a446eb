//! DER structures (SPKI, PKCS#1, PKCS#8, SEC1, X.509) read with RustCrypto's parsers, every
//! key reduced to its raw parts (ML-DSA's in `akp`); key types and curves this tool does not implement named as
//! people name them.

use std::fmt;

use aws_lc_rs::signature::KeyPair as _;
use x509_cert::der::{Decode as _, Encode as _};

use crate::jose::alg::Curve;
use crate::jose::keys::{CertificateInfo, Key, KeyError, KeyMaterial, Origin, PrivateKey};
use crate::jose::prepared::Prepared;

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

pub(super) fn der_error<E: fmt::Display>(what: &'static str) -> impl Fn(E) -> KeyError {
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
    pub const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");
}

pub(super) fn curve_from_oid(oid: &x509_cert::der::asn1::ObjectIdentifier) -> Result<Curve, KeyError> {
    match *oid {
        oid::P256 => Ok(Curve::P256),
        oid::P384 => Ok(Curve::P384),
        oid::P521 => Ok(Curve::P521),
        oid::SECP256K1 => Ok(Curve::Secp256k1),
        other => Err(KeyError::Unsupported(unsupported_name(&other.to_string()))),
    }
}

/// Key types and curves people meet that this tool does not implement, by the names people
/// use; anything else by its OID.
pub(super) fn unsupported_name(oid: &str) -> String {
    let name = match oid {
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
        _ => return format!("a key with algorithm or curve OID {oid}"),
    };
    name.to_owned()
}

/// A JWK `crv` this tool does not implement, by the name people use.
pub(super) fn unsupported_crv(crv: &str) -> String {
    match crv {
        "X25519" => "X25519 (a key-agreement key, used by JWE ECDH-ES)".to_owned(),
        "Ed448" | "X448" => crv.to_owned(),
        other => format!("the curve {other:?}"),
    }
}

pub(super) fn curve_from_params(params: Option<x509_cert::der::AnyRef<'_>>) -> Result<Curve, KeyError> {
    let params = params.ok_or_else(|| KeyError::Unsupported("an EC key without curve parameters".to_owned()))?;
    let oid: x509_cert::der::asn1::ObjectIdentifier = params.decode_as().map_err(|_| {
        KeyError::Unsupported("an EC key with explicit curve parameters (not a named curve)".to_owned())
    })?;
    curve_from_oid(&oid)
}

pub(super) fn plain_key(source: &str, material: KeyMaterial) -> Key {
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
        prepared: Prepared::default(),
    }
}

pub(super) fn ec_key(curve: Curve, point: &[u8], private: Option<PrivateKey>, source: &str) -> Result<Key, KeyError> {
    let expected = 1 + 2 * curve.coordinate_len();
    if point.len() != expected || point.first() != Some(&0x04) {
        return Err(KeyError::BadPoint { curve: curve.name(), len: point.len() });
    }
    Ok(plain_key(source, KeyMaterial::Ec { curve, point: point.to_vec(), private }))
}

pub(super) fn from_spki(der: &[u8], source: &str) -> Result<Key, KeyError> {
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
        other => match super::akp::algorithm_from_oid(&other) {
            Some(alg) => super::akp::from_spki(alg, key_bytes, source),
            None => Err(KeyError::Unsupported(unsupported_name(&other.to_string()))),
        },
    }
}

pub(super) fn from_pkcs1_public(der: &[u8], source: &str) -> Result<Key, KeyError> {
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

pub(super) fn from_pkcs1_private(der: &[u8], source: &str) -> Result<Key, KeyError> {
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

pub(super) fn from_pkcs8(der: &[u8], source: &str) -> Result<Key, KeyError> {
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
        other => match super::akp::algorithm_from_oid(&other) {
            Some(alg) => super::akp::from_pkcs8(alg, der, source),
            None => Err(KeyError::Unsupported(unsupported_name(&other.to_string()))),
        },
    }
}

/// SEC1 `ECPrivateKey`, on its own or inside PKCS#8 (`pkcs8` then carries the curve and
/// the outer DER).
pub(super) fn from_sec1(der: &[u8], source: &str, pkcs8: Option<(Curve, &[u8])>) -> Result<Key, KeyError> {
    let key = sec1::EcPrivateKey::try_from(der).map_err(der_error("SEC1 EC private key"))?;
    let curve = match (pkcs8, key.parameters.and_then(sec1::EcParameters::named_curve)) {
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

pub(super) fn derive_ec_point(curve: Curve, private: &PrivateKey) -> Result<Vec<u8>, KeyError> {
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

pub(super) fn from_certificate(der: &[u8], source: &str) -> Result<Key, KeyError> {
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
