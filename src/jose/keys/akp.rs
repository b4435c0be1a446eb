//! ML-DSA keys (RFC 9964 `AKP`, FIPS 204): from SPKI and PKCS#8 (the ML-DSA OIDs) and from
//! `AKP` JWKs (`alg`, `pub`, and the 32-byte seed as `priv`). A key belongs to exactly one
//! parameter set, so it fits exactly one algorithm.

use aws_lc_rs::signature::{KeyPair as _, PqdsaKeyPair};
use x509_cert::der::asn1::ObjectIdentifier as Oid;

use crate::jose::alg::{Algorithm, Family};
use crate::jose::keys::der::plain_key;
use crate::jose::keys::jwk::jwk_bytes;
use crate::jose::keys::{Key, KeyError, KeyMaterial, PrivateKey};

/// The SPKI / PKCS#8 algorithm OIDs of ML-DSA (RFC 9881, NIST CSOR).
const OIDS: [(Oid, Algorithm); 3] = [
    (Oid::new_unwrap("2.16.840.1.101.3.4.3.17"), Algorithm::MlDsa44),
    (Oid::new_unwrap("2.16.840.1.101.3.4.3.18"), Algorithm::MlDsa65),
    (Oid::new_unwrap("2.16.840.1.101.3.4.3.19"), Algorithm::MlDsa87),
];

/// The ML-DSA algorithm an SPKI or PKCS#8 algorithm OID names.
pub(super) fn algorithm_from_oid(oid: &Oid) -> Option<Algorithm> {
    OIDS.iter().find(|(known, _)| known == oid).map(|(_, alg)| *alg)
}

/// The OID of an ML-DSA algorithm (for exports).
pub fn oid(alg: Algorithm) -> Option<Oid> {
    OIDS.iter().find(|(_, known)| *known == alg).map(|(oid, _)| *oid)
}

fn public_key(alg: Algorithm, public: &[u8], source: &str) -> Result<Key, KeyError> {
    let expected =
        crate::jose::params::ml_dsa_signing(alg).map_or(0, aws_lc_rs::signature::PqdsaSigningAlgorithm::public_key_len);
    if public.len() != expected {
        return Err(KeyError::Der {
            what: "ML-DSA public key",
            why: format!("{alg} public keys are {expected} bytes, this one is {}", public.len()),
        });
    }
    Ok(plain_key(source, KeyMaterial::Akp { alg, public: public.to_vec(), private: None }))
}

/// An SPKI's raw ML-DSA public key.
pub(super) fn from_spki(alg: Algorithm, public: &[u8], source: &str) -> Result<Key, KeyError> {
    public_key(alg, public, source)
}

/// A PKCS#8 ML-DSA private key (seed, expanded or both forms; aws-lc checks they agree).
pub(super) fn from_pkcs8(alg: Algorithm, der: &[u8], source: &str) -> Result<Key, KeyError> {
    let Some(signing) = crate::jose::params::ml_dsa_signing(alg) else {
        return Err(KeyError::Unsupported(alg.name().to_owned()));
    };
    let pair = PqdsaKeyPair::from_pkcs8(signing, der)
        .map_err(|e| KeyError::Der { what: "ML-DSA private key", why: e.to_string() })?;
    let mut key = public_key(alg, pair.public_key().as_ref(), source)?;
    if let KeyMaterial::Akp { private, .. } = &mut key.material {
        *private = Some(PrivateKey::Pkcs8(der.to_vec()));
    }
    Ok(key)
}

/// The key pair a 32-byte seed (FIPS 204 ξ) makes, as PKCS#8 (seed form) and its public key.
pub fn from_seed(alg: Algorithm, seed: &[u8]) -> Result<(Vec<u8>, Vec<u8>), KeyError> {
    let Some(signing) = crate::jose::params::ml_dsa_signing(alg) else {
        return Err(KeyError::Unsupported(alg.name().to_owned()));
    };
    let pair = PqdsaKeyPair::from_seed(signing, seed)
        .map_err(|e| KeyError::Jwk(format!("\"priv\" is not a {alg} seed (32 bytes): {e}")))?;
    let pkcs8 = pair.to_pkcs8v1().map_err(|_| KeyError::Jwk(format!("the {alg} key could not be encoded")))?;
    Ok((pkcs8.as_ref().to_vec(), pair.public_key().as_ref().to_vec()))
}

/// An `AKP` JWK (RFC 9964 §4): `alg` names the parameter set, `pub` the public key, and
/// `priv`, when present, the seed.
pub(super) fn from_jwk(jwk: &serde_json::Value, source: &str) -> Result<(KeyMaterial, &'static str), KeyError> {
    let alg_text = jwk.get("alg").and_then(serde_json::Value::as_str).ok_or_else(|| {
        KeyError::Jwk("of kty AKP has no \"alg\" string member (RFC 9964 §4 requires one)".to_owned())
    })?;
    let alg = match Algorithm::from_name(alg_text) {
        Some(alg) if alg.family() == Family::Akp => alg,
        _ => return Err(KeyError::Unsupported(format!("an AKP key for alg {alg_text:?}"))),
    };
    let public = jwk_bytes(jwk, "pub")?;
    let key = public_key(alg, &public, source)?;
    if jwk.get("priv").is_none() {
        return Ok((key.material, "JWK AKP (ML-DSA) public key"));
    }
    let (pkcs8, derived) = from_seed(alg, &jwk_bytes(jwk, "priv")?)?;
    if derived != public {
        return Err(KeyError::Jwk("\"priv\" does not match \"pub\"".to_owned()));
    }
    Ok((KeyMaterial::Akp { alg, public, private: Some(PrivateKey::Pkcs8(pkcs8)) }, "JWK AKP (ML-DSA) private key"))
}
