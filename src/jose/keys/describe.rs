//! Describing keys for people and for the verifier: type and size, which algorithms a key
//! fits, its RFC 7638 thumbprint, its public JWK and its label.

use crate::jose::alg::{Algorithm, Curve, Family};
use crate::jose::base64url;
use crate::jose::keys::{Key, KeyMaterial, Origin};
use crate::jose::material::rsa_bits;

// ---- Describing keys ----

/// Why a key cannot check a token's algorithm, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Misfit(pub String);

impl Key {
    /// The kind of key it is, as the algorithms name it.
    pub fn family(&self) -> Family {
        match &self.material {
            KeyMaterial::Secret(_) => Family::Hmac,
            KeyMaterial::Rsa { .. } => Family::Rsa,
            KeyMaterial::Ec { .. } => Family::Ec,
            KeyMaterial::Ed25519 { .. } => Family::Okp,
            KeyMaterial::Akp { .. } => Family::Akp,
        }
    }

    /// Whether it can sign: a secret, or a key pair with its private half.
    pub fn is_private(&self) -> bool {
        match &self.material {
            KeyMaterial::Secret(_) => true,
            KeyMaterial::Rsa { private, .. }
            | KeyMaterial::Ec { private, .. }
            | KeyMaterial::Ed25519 { private, .. }
            | KeyMaterial::Akp { private, .. } => private.is_some(),
        }
    }

    /// "RSA 2048", "EC P-256", "Ed25519", "HMAC 256-bit": short, for lists and verdicts.
    pub fn short_name(&self) -> String {
        match &self.material {
            KeyMaterial::Secret(bytes) => format!("HMAC {}-bit secret", bytes.len() * 8),
            KeyMaterial::Rsa { n, .. } => format!("RSA {}", rsa_bits(n)),
            KeyMaterial::Ec { curve, .. } => format!("EC {}", curve.name()),
            KeyMaterial::Ed25519 { .. } => "Ed25519".to_owned(),
            KeyMaterial::Akp { alg, .. } => alg.name().to_owned(),
        }
    }

    /// "an RSA 2048-bit public key", for sentences.
    pub fn description(&self) -> String {
        let visibility = if self.is_private() { "private" } else { "public" };
        match &self.material {
            KeyMaterial::Secret(bytes) => format!("an HMAC secret of {} bytes ({} bits)", bytes.len(), bytes.len() * 8),
            KeyMaterial::Rsa { n, .. } => format!("an RSA {}-bit {visibility} key", rsa_bits(n)),
            KeyMaterial::Ec { curve, .. } => format!("an EC {} {visibility} key", curve.name()),
            KeyMaterial::Ed25519 { .. } => format!("an Ed25519 {visibility} key"),
            KeyMaterial::Akp { alg, .. } => format!("an {alg} {visibility} key"),
        }
    }

    /// Size in bits (modulus, curve order, secret length, or for ML-DSA the public key's).
    pub fn bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Secret(bytes) => bytes.len() * 8,
            KeyMaterial::Rsa { n, .. } => rsa_bits(n),
            KeyMaterial::Ec { curve, .. } => match curve {
                Curve::P256 | Curve::Secp256k1 | Curve::Ed25519 => 256,
                Curve::P384 => 384,
                Curve::P521 => 521,
            },
            KeyMaterial::Ed25519 { .. } => 256,
            KeyMaterial::Akp { public, .. } => public.len() * 8,
        }
    }

    /// The algorithms this key can verify.
    pub fn algorithms(&self) -> Vec<Algorithm> {
        Algorithm::ALL.into_iter().filter(|alg| self.fit(*alg).is_ok()).collect()
    }

    /// Whether this key can check `alg`, and if not, why, in the user's terms.
    pub fn fit(&self, alg: Algorithm) -> Result<(), Misfit> {
        let this = || self.description();
        match (&self.material, alg.family()) {
            (KeyMaterial::Secret(_), Family::Hmac)
            | (KeyMaterial::Rsa { .. }, Family::Rsa)
            | (KeyMaterial::Ed25519 { .. }, Family::Okp) => Ok(()),
            (KeyMaterial::Ec { curve, .. }, Family::Ec) if Some(*curve) == alg.curve() => Ok(()),
            // An ML-DSA key belongs to one parameter set (RFC 9964 §4).
            (KeyMaterial::Akp { alg: bound, .. }, Family::Akp) if *bound == alg => Ok(()),
            (KeyMaterial::Akp { alg: bound, .. }, Family::Akp) => {
                Err(Misfit(format!("this is an {bound} key; the token says {alg}, which needs an {alg} key")))
            }
            (KeyMaterial::Ec { curve, .. }, Family::Ec) => Err(Misfit(format!(
                "this is an EC {} key; the token says {alg}, which needs {}",
                curve.name(),
                alg.curve().map_or("another curve", Curve::name)
            ))),
            (KeyMaterial::Secret(_), _) => {
                Err(Misfit(format!("this is {}; the token says {alg}, which needs {}", this(), needs(alg))))
            }
            (_, Family::Hmac) => Err(Misfit(format!(
                "this is {}; the token says {alg}, which needs a shared HMAC secret (checking an HMAC token with public-key material is the algorithm-confusion attack, RFC 8725 §2.1)",
                this()
            ))),
            _ => Err(Misfit(format!("this is {}; the token says {alg}, which needs {}", this(), needs(alg)))),
        }
    }

    /// RFC 7638 JWK thumbprint (SHA-256, base64url).
    pub fn thumbprint(&self) -> String {
        let b64 = |bytes: &[u8]| base64url::encode(bytes);
        // Members in lexicographic order, no whitespace (RFC 7638 §3.2).
        let canonical = match &self.material {
            KeyMaterial::Secret(k) => format!(r#"{{"k":"{}","kty":"oct"}}"#, b64(k)),
            KeyMaterial::Rsa { n, e, .. } => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b64(e), b64(n)),
            KeyMaterial::Ec { curve, point, .. } => {
                let len = curve.coordinate_len();
                let x = point.get(1..1 + len).unwrap_or_default();
                let y = point.get(1 + len..).unwrap_or_default();
                format!(r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#, curve.name(), b64(x), b64(y))
            }
            KeyMaterial::Ed25519 { public, .. } => format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, b64(public)),
            // RFC 9964 §5: the required members `alg`, `kty` and `pub`.
            KeyMaterial::Akp { alg, public, .. } => format!(r#"{{"alg":"{alg}","kty":"AKP","pub":"{}"}}"#, b64(public)),
        };
        b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes()).as_ref())
    }

    /// The public JWK (RFC 7517) of this key, with `kid` when it has one.
    pub fn public_jwk(&self) -> serde_json::Value {
        let b64 = |bytes: &[u8]| base64url::encode(bytes);
        let mut jwk = match &self.material {
            KeyMaterial::Secret(k) => serde_json::json!({"kty": "oct", "k": b64(k)}),
            KeyMaterial::Rsa { n, e, .. } => serde_json::json!({"kty": "RSA", "n": b64(n), "e": b64(e)}),
            KeyMaterial::Ec { curve, point, .. } => {
                let len = curve.coordinate_len();
                serde_json::json!({
                    "kty": "EC",
                    "crv": curve.name(),
                    "x": b64(point.get(1..1 + len).unwrap_or_default()),
                    "y": b64(point.get(1 + len..).unwrap_or_default()),
                })
            }
            KeyMaterial::Ed25519 { public, .. } => {
                serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": b64(public)})
            }
            KeyMaterial::Akp { alg, public, .. } => {
                serde_json::json!({"kty": "AKP", "alg": alg.name(), "pub": b64(public)})
            }
        };
        if let (Some(kid), Some(object)) = (&self.kid, jwk.as_object_mut()) {
            object.insert("kid".to_owned(), serde_json::Value::String(kid.clone()));
        }
        jwk
    }

    /// A name for verdicts: "RSA 2048 (kid 2024-01)" or "RSA 2048 from key.pem".
    pub fn label(&self) -> String {
        if let (Origin::KnownSecret, Some((text, _))) = (self.origin, &self.secret_text) {
            return format!("the publicly known secret {text:?}");
        }
        match &self.kid {
            Some(kid) => format!("{} (kid {kid})", self.short_name()),
            None => format!("{} from {}", self.short_name(), self.source),
        }
    }
}

fn needs(alg: Algorithm) -> &'static str {
    match alg.family() {
        Family::Hmac => "a shared HMAC secret",
        Family::Rsa => "an RSA key",
        Family::Ec => match alg.curve() {
            Some(Curve::P384) => "an EC P-384 key",
            Some(Curve::P521) => "an EC P-521 key",
            Some(Curve::Secp256k1) => "an EC secp256k1 key",
            _ => "an EC P-256 key",
        },
        Family::Okp => "an Ed25519 key",
        Family::Akp => "an ML-DSA (AKP) key of the same parameter set",
    }
}
