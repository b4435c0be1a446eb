//! Signing: the user's exact header and payload text, base64url-encoded, signed with any
//! algorithm the verifier checks. HS/RS/PS/ES256/ES384/EdDSA/Ed25519 go through
//! `jsonwebtoken::crypto::sign`; ES512, ES256K and ML-DSA through `aws-lc-rs` directly
//! (jsonwebtoken cannot name them).
//! The text is never re-serialised, so an unedited token re-signs byte for byte.

use jsonwebtoken::EncodingKey;

use crate::jose::alg::{Algorithm, Family};
use crate::jose::base64url;
use crate::jose::keys::{Key, KeyMaterial, PrivateKey};

/// Why a token could not be signed, in the user's terms.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The key is not of the kind the algorithm needs (the misfit, in words).
    #[error("{0}")]
    Misfit(String),
    /// A public key (described) where signing needs the private one.
    #[error("this is {0}: signing needs the private key")]
    PublicOnly(String),
    /// aws-lc-rs or jsonwebtoken refused the private key.
    #[error("the private key could not be used: {0}")]
    Crypto(String),
}

/// Signs `signing_input` (`base64url(header).base64url(payload)`) and returns the raw
/// signature bytes.
pub fn sign(alg: Algorithm, key: &Key, signing_input: &[u8]) -> Result<Vec<u8>, SignError> {
    // The fit is phrased for verifying ("the token says"); here the user chose the algorithm.
    key.fit(alg).map_err(|m| SignError::Misfit(m.to_string().replace("the token says", "you chose")))?;
    let crypto = |e: &dyn std::fmt::Display| SignError::Crypto(e.to_string());
    let encoding = match &key.material {
        KeyMaterial::Secret(secret) => EncodingKey::from_secret(secret),
        KeyMaterial::Rsa { private, .. } => match private {
            Some(PrivateKey::Pkcs1(der)) => EncodingKey::from_rsa_der(der),
            Some(PrivateKey::Pkcs8(der)) => {
                let info = pkcs8::PrivateKeyInfoRef::try_from(der.as_slice()).map_err(|e| crypto(&e))?;
                EncodingKey::from_rsa_der(info.private_key.as_bytes())
            }
            _ => return Err(SignError::PublicOnly(key.description())),
        },
        KeyMaterial::Ec { curve, private, .. } => {
            let pkcs8 = match private {
                Some(PrivateKey::Pkcs8(der)) => der.clone(),
                Some(PrivateKey::Sec1(der)) => {
                    let pair = aws_lc_rs::signature::EcdsaKeyPair::from_private_key_der(ec_signing(alg), der)
                        .map_err(|e| crypto(&e))?;
                    pair.to_pkcs8v1().map_err(|e| crypto(&e))?.as_ref().to_vec()
                }
                _ => return Err(SignError::PublicOnly(key.description())),
            };
            if alg.to_jsonwebtoken().is_none() {
                // ES512, ES256K: the fit above made sure the key's curve is the algorithm's.
                let _ = curve;
                let pair =
                    aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(ec_signing(alg), &pkcs8).map_err(|e| crypto(&e))?;
                let rng = aws_lc_rs::rand::SystemRandom::new();
                return pair.sign(&rng, signing_input).map(|s| s.as_ref().to_vec()).map_err(|e| crypto(&e));
            }
            EncodingKey::from_ec_der(&pkcs8)
        }
        KeyMaterial::Ed25519 { private, .. } => match private {
            Some(PrivateKey::Pkcs8(der)) => EncodingKey::from_ed_der(der),
            _ => return Err(SignError::PublicOnly(key.description())),
        },
        KeyMaterial::Akp { private, .. } => {
            let Some(PrivateKey::Pkcs8(der)) = private else {
                return Err(SignError::PublicOnly(key.description()));
            };
            return sign_ml_dsa(alg, der, signing_input);
        }
    };
    let Some(jwt_alg) = alg.to_jsonwebtoken() else {
        return Err(SignError::Misfit(format!("{alg} cannot be signed with this key")));
    };
    let b64 = jsonwebtoken::crypto::sign(signing_input, &encoding, jwt_alg).map_err(|e| crypto(&e))?;
    base64url::decode(&b64).map(|d| d.bytes).map_err(|e| crypto(&e))
}

/// ML-DSA with the empty context (RFC 9964 §3), hedged.
fn sign_ml_dsa(alg: Algorithm, pkcs8: &[u8], signing_input: &[u8]) -> Result<Vec<u8>, SignError> {
    let crypto = |e: &dyn std::fmt::Display| SignError::Crypto(e.to_string());
    let Some(params) = crate::jose::params::ml_dsa_signing(alg) else {
        return Err(SignError::Misfit(format!("{alg} is not an ML-DSA algorithm")));
    };
    let pair = aws_lc_rs::signature::PqdsaKeyPair::from_pkcs8(params, pkcs8).map_err(|e| crypto(&e))?;
    let mut signature = vec![0; params.signature_len()];
    let len = pair.sign(signing_input, &mut signature).map_err(|e| crypto(&e))?;
    signature.truncate(len);
    Ok(signature)
}

fn ec_signing(alg: Algorithm) -> &'static aws_lc_rs::signature::EcdsaSigningAlgorithm {
    crate::jose::params::ecdsa_signing(alg.curve().unwrap_or(crate::jose::alg::Curve::P256))
}

/// Encodes the header and payload text exactly as given and signs them: a compact JWS.
pub fn encode(header_text: &str, payload_text: &str, alg: Algorithm, key: &Key) -> Result<String, SignError> {
    let signing_input = format!("{}.{}", base64url::encode(header_text), base64url::encode(payload_text));
    let signature = sign(alg, key, signing_input.as_bytes())?;
    Ok(format!("{signing_input}.{}", base64url::encode(signature)))
}

/// Whether this key can sign `alg` (it fits and holds private material).
pub fn can_sign(key: &Key, alg: Algorithm) -> bool {
    key.fit(alg).is_ok() && (alg.family() == Family::Hmac || key.is_private())
}
