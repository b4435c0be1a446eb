//! JWK and JWKS (RFC 7517, RFC 8037, RFC 9964 `AKP`): every member decoded and checked before
//! a key is made.

use crate::jose::alg::Curve;
use crate::jose::base64url;
use crate::jose::keys::der::{ec_key, plain_key, unsupported_crv};
use crate::jose::keys::{Key, KeyError, KeyMaterial, Loaded, PrivateKey};

// ---- JWK / JWKS (RFC 7517, RFC 8037) ----

pub(super) fn load_json(bytes: &[u8], source: &str) -> Result<Loaded, KeyError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| KeyError::Json(e.to_string()))?;
    // A JWKS, or a bare JSON array of JWKs (as RFC 7520 §4.8 and some tools write them).
    let keys = match &value {
        serde_json::Value::Array(keys) => Some(keys),
        serde_json::Value::Object(object) => match object.get("keys") {
            Some(serde_json::Value::Array(keys)) => Some(keys),
            Some(_) => return Err(KeyError::Jwks("\"keys\" is not an array".to_owned())),
            None => None,
        },
        _ => return Err(KeyError::Json("expected a JSON object or an array of JWKs".to_owned())),
    };
    if let Some(keys) = keys {
        let mut loaded = Loaded::default();
        for (index, jwk) in keys.iter().enumerate() {
            let name = format!("{source} (key {})", index + 1);
            match from_jwk(jwk, &name) {
                Ok(key) => loaded.keys.push(key),
                Err(error) => loaded.warnings.push(format!("{name}: {error}")),
            }
        }
        if loaded.keys.is_empty() {
            let why = if keys.is_empty() { "\"keys\" is empty".to_owned() } else { loaded.warnings.join("; ") };
            return Err(KeyError::Jwks(why));
        }
        return Ok(loaded);
    }
    from_jwk(&value, source).map(|key| Loaded { keys: vec![key], warnings: Vec::new() })
}

pub(super) fn jwk_bytes(jwk: &serde_json::Value, member: &str) -> Result<Vec<u8>, KeyError> {
    let text = jwk
        .get(member)
        .ok_or_else(|| KeyError::Jwk(format!("has no {member:?} member")))?
        .as_str()
        .ok_or_else(|| KeyError::Jwk(format!("member {member:?} is not a string")))?;
    base64url::decode(text).map(|d| d.bytes).map_err(|e| KeyError::Jwk(format!("member {member:?}: {e}")))
}

/// One JWK object.
pub fn from_jwk(jwk: &serde_json::Value, source: &str) -> Result<Key, KeyError> {
    let text = |name: &str| jwk.get(name).and_then(serde_json::Value::as_str).map(str::to_owned);
    let kty = text("kty").ok_or_else(|| KeyError::Jwk("has no \"kty\" string member".to_owned()))?;
    let has_private = jwk.get("d").is_some();
    let (material, format) = match kty.as_str() {
        "oct" => (KeyMaterial::Secret(jwk_bytes(jwk, "k")?), "JWK oct (HMAC secret)"),
        "RSA" => {
            let (n, e) = (strip_leading_zeros(jwk_bytes(jwk, "n")?), jwk_bytes(jwk, "e")?);
            let private = if has_private { Some(rsa_private_from_jwk(jwk, &n, &e)?) } else { None };
            (KeyMaterial::Rsa { n, e, private }, if has_private { "JWK RSA private key" } else { "JWK RSA public key" })
        }
        "EC" => {
            let crv = text("crv").ok_or_else(|| KeyError::Jwk("has no \"crv\"".to_owned()))?;
            let curve = match Curve::from_name(&crv) {
                Some(curve) if curve != Curve::Ed25519 => curve,
                _ => return Err(KeyError::Unsupported(unsupported_crv(&crv))),
            };
            let (x, y) = (jwk_bytes(jwk, "x")?, jwk_bytes(jwk, "y")?);
            let len = curve.coordinate_len();
            if x.len() != len || y.len() != len {
                return Err(KeyError::Jwk(format!(
                    "{}: x and y must be {len} bytes each, they are {} and {}",
                    curve.name(),
                    x.len(),
                    y.len()
                )));
            }
            let point = [&[0x04][..], &x, &y].concat();
            let private =
                if has_private { Some(ec_private_from_jwk(curve, &jwk_bytes(jwk, "d")?, &point)?) } else { None };
            let key = ec_key(curve, &point, private, source)?;
            (key.material, if has_private { "JWK EC private key" } else { "JWK EC public key" })
        }
        "OKP" => {
            let crv = text("crv").unwrap_or_default();
            if crv != "Ed25519" {
                return Err(KeyError::Unsupported(unsupported_crv(&crv)));
            }
            let public = jwk_bytes(jwk, "x")?;
            if public.len() != 32 {
                return Err(KeyError::BadPoint { curve: "Ed25519", len: public.len() });
            }
            let private = if has_private {
                let seed = jwk_bytes(jwk, "d")?;
                let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_and_public_key(&seed, &public)
                    .map_err(|e| KeyError::Jwk(format!("\"d\" does not match \"x\": {e}")))?;
                let pkcs8 =
                    pair.to_pkcs8().map_err(|_| KeyError::Jwk("Ed25519 key could not be re-encoded".to_owned()))?;
                Some(PrivateKey::Pkcs8(pkcs8.as_ref().to_vec()))
            } else {
                None
            };
            (
                KeyMaterial::Ed25519 { public, private },
                if has_private { "JWK Ed25519 private key" } else { "JWK Ed25519 public key" },
            )
        }
        "AKP" => super::akp::from_jwk(jwk, source)?,
        other => return Err(KeyError::Jwk(format!("kty {other:?} is not RSA, EC, OKP, AKP or oct"))),
    };
    let mut key = plain_key(source, material);
    key.format = format.to_owned();
    key.kid = text("kid");
    key.jwk_alg = text("alg");
    Ok(key)
}

/// A PKCS#1 `RSAPrivateKey` from a private RSA JWK's CRT members (RFC 7518 §6.3.2).
#[allow(clippy::many_single_char_names, reason = "the JWK members' names (RFC 7518 §6.3.2)")]
pub(super) fn rsa_private_from_jwk(jwk: &serde_json::Value, n: &[u8], e: &[u8]) -> Result<PrivateKey, KeyError> {
    use x509_cert::der::Encode as _;
    fn uint(bytes: &[u8]) -> Result<x509_cert::der::asn1::UintRef<'_>, KeyError> {
        x509_cert::der::asn1::UintRef::new(bytes)
            .map_err(|e| KeyError::Jwk(format!("an RSA member is not an integer: {e}")))
    }
    let parts: Vec<Vec<u8>> =
        ["d", "p", "q", "dp", "dq", "qi"].iter().map(|m| jwk_bytes(jwk, m)).collect::<Result<_, _>>()?;
    let [d, p, q, dp, dq, qi] = parts.as_slice() else {
        return Err(KeyError::Jwk("a private RSA key needs d, p, q, dp, dq and qi".to_owned()));
    };
    let key = pkcs1::RsaPrivateKeyRef {
        modulus: uint(n)?,
        public_exponent: uint(e)?,
        private_exponent: uint(d)?,
        prime1: uint(p)?,
        prime2: uint(q)?,
        exponent1: uint(dp)?,
        exponent2: uint(dq)?,
        coefficient: uint(qi)?,
        other_prime_infos: None,
    };
    let der = key.to_der().map_err(|e| KeyError::Jwk(format!("the RSA key could not be encoded: {e}")))?;
    // Check the parts belong together before anyone signs with them.
    aws_lc_rs::rsa::KeyPair::from_der(&der)
        .map_err(|e| KeyError::Jwk(format!("the private RSA members do not form a valid key: {e}")))?;
    Ok(PrivateKey::Pkcs1(der))
}

pub(super) fn ec_private_from_jwk(curve: Curve, d: &[u8], point: &[u8]) -> Result<PrivateKey, KeyError> {
    let pair = aws_lc_rs::signature::EcdsaKeyPair::from_private_key_and_public_key(
        crate::jose::params::ecdsa_signing(curve),
        d,
        point,
    )
    .map_err(|e| KeyError::Jwk(format!("\"d\" does not match \"x\"/\"y\": {e}")))?;
    let pkcs8 = pair.to_pkcs8v1().map_err(|_| KeyError::Jwk("EC key could not be re-encoded".to_owned()))?;
    Ok(PrivateKey::Pkcs8(pkcs8.as_ref().to_vec()))
}

pub(super) fn strip_leading_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    bytes.drain(..zeros.min(bytes.len().saturating_sub(1)));
    bytes
}
