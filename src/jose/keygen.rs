//! Key generation with `aws-lc-rs` (already compiled as the crypto backend): HMAC secrets,
//! RSA 2048/3072/4096, EC P-256/P-384/P-521/secp256k1, Ed25519 and ML-DSA-44/65/87, each
//! exported as PEM, JWK and a JWKS
//! whose `kid` is the key's RFC 7638 thumbprint. Nothing is written anywhere: the caller
//! decides where (if anywhere) the exports go.

use aws_lc_rs::encoding::{AsBigEndian as _, AsDer as _};
use aws_lc_rs::signature::KeyPair as _;
use serde_json::{Value, json};

use crate::jose::alg::{Algorithm, Curve, Family};
use crate::jose::base64url;
use crate::jose::keys::{self, Key, KeyMaterial, PrivateKey};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// A random HMAC secret of this many bits (256, 384 or 512).
    Hmac(usize),
    /// RSA with this modulus size (2048, 3072 or 4096).
    Rsa(usize),
    /// ECDSA on P-256, P-384, P-521 or secp256k1.
    Ec(Curve),
    /// An Ed25519 key pair (for EdDSA and Ed25519).
    Ed25519,
    /// An ML-DSA key pair for this algorithm (`ML-DSA-44`, `-65` or `-87`).
    MlDsa(Algorithm),
}

impl KeyKind {
    /// Every kind offered, in menu order.
    pub const ALL: [Self; 14] = [
        Self::Hmac(256),
        Self::Hmac(384),
        Self::Hmac(512),
        Self::Rsa(2048),
        Self::Rsa(3072),
        Self::Rsa(4096),
        Self::Ec(Curve::P256),
        Self::Ec(Curve::P384),
        Self::Ec(Curve::P521),
        Self::Ec(Curve::Secp256k1),
        Self::Ed25519,
        Self::MlDsa(Algorithm::MlDsa44),
        Self::MlDsa(Algorithm::MlDsa65),
        Self::MlDsa(Algorithm::MlDsa87),
    ];

    /// For menus: "HMAC secret, 256 bits", "RSA 2048", "EC P-256", "ML-DSA-44".
    pub fn label(self) -> String {
        match self {
            Self::Hmac(bits) => format!("HMAC secret, {bits} bits"),
            Self::Rsa(bits) => format!("RSA {bits}"),
            Self::Ec(curve) => format!("EC {}", curve.name()),
            Self::Ed25519 => "Ed25519".to_owned(),
            Self::MlDsa(alg) => alg.name().to_owned(),
        }
    }
}

/// Why a key could not be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeygenError {
    /// A size not offered (the bits asked for).
    #[error("{0} is not a size this tool generates (HMAC 256/384/512, RSA 2048/3072/4096)")]
    UnsupportedSize(usize),
    /// Ed25519 asked for as an ECDSA curve.
    #[error("Ed25519 is not an ECDSA curve: generate it as Ed25519")]
    WrongCurve,
    /// An ML-DSA key asked for with an algorithm that is not ML-DSA.
    #[error("{0} is not an ML-DSA algorithm (ML-DSA-44, ML-DSA-65 or ML-DSA-87)")]
    NotMlDsa(Algorithm),
    /// aws-lc-rs could not generate or encode the key.
    #[error("the system's random generator or the key encoder failed")]
    Crypto,
    /// The generated key did not load back through the key reader (a bug).
    #[error("the generated key could not be read back: {0}")]
    Reload(String),
}

/// A generated key and its exports.
#[derive(Clone, Debug)]
pub struct Generated {
    /// Ready to sign and verify; `kid` is the thumbprint.
    pub key: Key,
    /// PKCS#8 `PRIVATE KEY` PEM (none for HMAC).
    pub private_pem: Option<String>,
    /// SPKI `PUBLIC KEY` PEM (none for HMAC).
    pub public_pem: Option<String>,
    /// The private JWK (for HMAC: the `oct` key itself).
    pub private_jwk: Value,
    /// The public JWK (for HMAC: the same `oct` key: a shared secret has no public half).
    pub public_jwk: Value,
    /// `{"keys": [public JWK]}`.
    pub jwks: Value,
}

fn crypto<E>(_: E) -> KeygenError {
    KeygenError::Crypto
}

/// Generates a fresh key.
pub fn generate(kind: KeyKind) -> Result<Generated, KeygenError> {
    let (pkcs8, spki) = match kind {
        KeyKind::Hmac(bits) => return generate_secret(bits),
        KeyKind::MlDsa(alg) => return generate_ml_dsa(alg),
        KeyKind::Rsa(bits) => {
            let size = match bits {
                2048 => aws_lc_rs::rsa::KeySize::Rsa2048,
                3072 => aws_lc_rs::rsa::KeySize::Rsa3072,
                4096 => aws_lc_rs::rsa::KeySize::Rsa4096,
                other => return Err(KeygenError::UnsupportedSize(other)),
            };
            let pair = aws_lc_rs::rsa::KeyPair::generate(size).map_err(crypto)?;
            let pkcs8 = pair.as_der().map_err(crypto)?.as_ref().to_vec();
            let spki = pair.public_key().as_der().map_err(crypto)?.as_ref().to_vec();
            (pkcs8, spki)
        }
        KeyKind::Ec(curve) => {
            use aws_lc_rs::signature as s;
            if curve == Curve::Ed25519 {
                return Err(KeygenError::WrongCurve);
            }
            let alg = crate::jose::params::ecdsa_signing(curve);
            let pair = s::EcdsaKeyPair::generate(alg).map_err(crypto)?;
            let pkcs8 = pair.to_pkcs8v1().map_err(crypto)?.as_ref().to_vec();
            let spki = pair.public_key().as_der().map_err(crypto)?.as_ref().to_vec();
            (pkcs8, spki)
        }
        KeyKind::Ed25519 => {
            let pair = aws_lc_rs::signature::Ed25519KeyPair::generate().map_err(crypto)?;
            let pkcs8 = pair.to_pkcs8().map_err(crypto)?.as_ref().to_vec();
            let spki = pair.public_key().as_der().map_err(crypto)?.as_ref().to_vec();
            (pkcs8, spki)
        }
    };
    let mut key = keys::from_der(&pkcs8, "generated key").map_err(|e| KeygenError::Reload(e.to_string()))?;
    let thumbprint = key.thumbprint();
    key.kid = Some(thumbprint.clone());
    key.source = format!("generated {}", kind.label());
    key.format = "generated PKCS#8 private key".to_owned();
    let private_jwk = private_jwk(&key, &pkcs8, &thumbprint)?;
    Ok(key_pair(key, pkcs8, spki, private_jwk))
}

/// A generated key pair with its exports: PEM both ways, the JWKs and a one-key JWKS.
fn key_pair(key: Key, pkcs8: Vec<u8>, spki: Vec<u8>, private_jwk: Value) -> Generated {
    let public_jwk = key.public_jwk();
    Generated {
        private_pem: Some(pem::encode(&pem::Pem::new("PRIVATE KEY", pkcs8))),
        public_pem: Some(pem::encode(&pem::Pem::new("PUBLIC KEY", spki))),
        jwks: json!({ "keys": [public_jwk.clone()] }),
        private_jwk,
        public_jwk,
        key,
    }
}

/// ML-DSA from a fresh 32-byte seed (FIPS 204 ξ), which the private JWK carries as `priv`
/// (RFC 9964 §4).
fn generate_ml_dsa(alg: Algorithm) -> Result<Generated, KeygenError> {
    if alg.family() != Family::Akp {
        return Err(KeygenError::NotMlDsa(alg));
    }
    let mut seed = [0u8; 32];
    aws_lc_rs::rand::fill(&mut seed).map_err(crypto)?;
    let (pkcs8, _) = keys::ml_dsa_from_seed(alg, &seed).map_err(|e| KeygenError::Reload(e.to_string()))?;
    let params = crate::jose::params::ml_dsa_signing(alg).ok_or(KeygenError::NotMlDsa(alg))?;
    let pair = aws_lc_rs::signature::PqdsaKeyPair::from_pkcs8(params, &pkcs8).map_err(crypto)?;
    let spki = pair.public_key().as_der().map_err(crypto)?.as_ref().to_vec();
    let mut key = keys::from_der(&pkcs8, "generated key").map_err(|e| KeygenError::Reload(e.to_string()))?;
    let thumbprint = key.thumbprint();
    key.kid = Some(thumbprint.clone());
    key.source = format!("generated {alg}");
    key.format = "generated PKCS#8 private key".to_owned();
    let mut private_jwk = key.public_jwk();
    if let Some(object) = private_jwk.as_object_mut() {
        object.insert("priv".to_owned(), Value::String(base64url::encode(seed)));
        object.insert("kid".to_owned(), Value::String(thumbprint));
    }
    Ok(key_pair(key, pkcs8, spki, private_jwk))
}

fn generate_secret(bits: usize) -> Result<Generated, KeygenError> {
    if !matches!(bits, 256 | 384 | 512) {
        return Err(KeygenError::UnsupportedSize(bits));
    }
    let mut secret = vec![0u8; bits / 8];
    aws_lc_rs::rand::fill(&mut secret).map_err(crypto)?;
    let mut key = keys::secret_from_text(&base64url::encode(&secret), keys::SecretEncoding::Base64Url, "generated")
        .map_err(|e| KeygenError::Reload(e.to_string()))?;
    let kid = key.thumbprint();
    key.kid = Some(kid);
    key.source = format!("generated HMAC secret, {bits} bits");
    let jwk = key.public_jwk();
    Ok(Generated {
        private_pem: None,
        public_pem: None,
        jwks: json!({ "keys": [jwk.clone()] }),
        private_jwk: jwk.clone(),
        public_jwk: jwk,
        key,
    })
}

/// The private JWK (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2) of a key read from `pkcs8`.
fn private_jwk(key: &Key, pkcs8: &[u8], kid: &str) -> Result<Value, KeygenError> {
    let reload = |what: &str| KeygenError::Reload(what.to_owned());
    let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8).map_err(|_| reload("PKCS#8"))?;
    let inner = info.private_key.as_bytes();
    let b64 = |bytes: &[u8]| base64url::encode(bytes);
    let mut jwk = key.public_jwk();
    let Some(object) = jwk.as_object_mut() else { return Err(reload("JWK")) };
    match &key.material {
        KeyMaterial::Rsa { .. } => {
            let rsa = pkcs1::RsaPrivateKeyRef::try_from(inner).map_err(|_| reload("PKCS#1"))?;
            for (name, value) in [
                ("d", rsa.private_exponent),
                ("p", rsa.prime1),
                ("q", rsa.prime2),
                ("dp", rsa.exponent1),
                ("dq", rsa.exponent2),
                ("qi", rsa.coefficient),
            ] {
                object.insert(name.to_owned(), Value::String(b64(value.as_bytes())));
            }
        }
        KeyMaterial::Ec { curve, .. } => {
            let ec = sec1::EcPrivateKey::try_from(inner).map_err(|_| reload("SEC1"))?;
            // The scalar is fixed-length in JWK (RFC 7518 §6.2.2.1): left-pad.
            let len = curve.coordinate_len();
            let mut d = vec![0u8; len.saturating_sub(ec.private_key.len())];
            d.extend_from_slice(ec.private_key);
            object.insert("d".to_owned(), Value::String(b64(&d)));
        }
        KeyMaterial::Ed25519 { private: Some(PrivateKey::Pkcs8(der)), .. } => {
            let pair =
                aws_lc_rs::signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der).map_err(|_| reload("Ed25519"))?;
            let seed = pair.seed().map_err(|_| reload("Ed25519 seed"))?;
            let seed = seed.as_be_bytes().map_err(|_| reload("Ed25519 seed"))?;
            object.insert("d".to_owned(), Value::String(b64(seed.as_ref())));
        }
        _ => return Err(reload("key type")),
    }
    object.insert("kid".to_owned(), Value::String(kid.to_owned()));
    Ok(jwk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::alg::AlgHeader;
    use crate::jose::verify;

    #[test]
    fn every_kind_generates_a_key_that_signs_and_verifies_through_each_export() {
        for kind in [
            KeyKind::Hmac(256),
            KeyKind::Rsa(2048),
            KeyKind::Ec(Curve::P256),
            KeyKind::Ec(Curve::P521),
            KeyKind::Ec(Curve::Secp256k1),
            KeyKind::Ed25519,
            KeyKind::MlDsa(Algorithm::MlDsa44),
        ] {
            let generated = generate(kind).expect("generates");
            let alg = generated.key.algorithms().first().copied().expect("an algorithm");
            let header = format!(r#"{{"alg":"{alg}"}}"#);
            let token = crate::jose::sign::encode(&header, "{}", alg, &generated.key).expect("signs");
            // The core's verifier, not the Inspection: the core does not import what is built on it.
            let parsed = crate::jose::token::parse(&token).expect("parses");
            let signed = verify::Signed {
                alg: &AlgHeader::Known(alg),
                kid: None,
                signing_input: parsed.signing_input().expect("signing input").as_bytes(),
                signature: parsed.signature().expect("signature"),
            };
            let check = |keys: Vec<Key>, what: &str| {
                let verdict = verify::verify(&signed, &keys);
                assert_eq!(verdict.status, verify::SignatureStatus::Valid, "{kind:?} via {what}");
            };
            if let Some(public_pem) = &generated.public_pem {
                check(keys::load(public_pem.as_bytes(), "pem").expect("pem").keys, "public PEM");
            }
            check(keys::load(generated.jwks.to_string().as_bytes(), "jwks").expect("jwks").keys, "JWKS");
            // The private JWK signs too, and its thumbprint is the kid.
            let from_jwk = keys::from_jwk(&generated.private_jwk, "jwk").expect("private jwk");
            assert_eq!(from_jwk.thumbprint(), generated.key.kid.clone().unwrap_or_default(), "{kind:?}");
            let again = crate::jose::sign::encode(&header, "{}", alg, &from_jwk).expect("signs from JWK");
            if alg.is_deterministic() {
                assert_eq!(again, token, "{kind:?}: the private JWK is the same key");
            }
        }
    }
}
