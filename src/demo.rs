//! Bundled demo material (public: published in the repository, never for real use). The
//! app signs a fresh demo token at start so a first-time user sees every pane working,
//! including a live countdown on the timeline. `now` is passed in, as everywhere.

use chrono::{DateTime, Utc};

use crate::jose::alg::Algorithm;
use crate::jose::keys::{self, Key};
use crate::jose::sign;

/// The demo's RSA 2048 private key (PKCS#8 PEM): public, it is in the repository.
pub const PRIVATE_KEY_PEM: &str = include_str!("../assets/demo/demo-rs256.private.pem");
/// The demo's public key (SPKI PEM).
pub const PUBLIC_KEY_PEM: &str = include_str!("../assets/demo/demo-rs256.public.pem");
/// The `kid` the demo token carries and the demo key answers to.
pub const KID: &str = "demo-rs256";
/// The key source shown for the demo key, saying it is public demo material.
pub const SOURCE: &str = "demo key (public demo material)";

/// The demo's public key, ready to verify, named as demo material.
pub fn public_key() -> Option<Key> {
    let mut key = keys::load(PUBLIC_KEY_PEM.as_bytes(), SOURCE).ok()?.keys.into_iter().next()?;
    key.kid = Some(KID.to_owned());
    Some(key)
}

/// The demo's key pair (its private half signs, and verifies too), named as demo material,
/// so that an edited demo token re-signs as a real one would.
pub fn key_pair() -> Option<Key> {
    let mut key = keys::load(PRIVATE_KEY_PEM.as_bytes(), SOURCE).ok()?.keys.into_iter().next()?;
    key.kid = Some(KID.to_owned());
    key.origin = keys::Origin::Demo;
    Some(key)
}

/// A demo token issued at `now` that expires 15 minutes later, as an identity provider
/// would issue it, in an `Authorization` header line.
pub fn token(now: DateTime<Utc>) -> Option<String> {
    let signer = keys::load(PRIVATE_KEY_PEM.as_bytes(), "demo").ok()?.keys.into_iter().next()?;
    let iat = now.timestamp();
    let header = format!(r#"{{"alg":"RS256","typ":"JWT","kid":"{KID}"}}"#);
    let payload = format!(
        r#"{{"iss":"https://id.example.com","sub":"user-1234","aud":"api://orders","name":"Ada Lovelace","scope":"orders:read orders:write","iat":{iat},"nbf":{iat},"exp":{},"jti":"demo-0001"}}"#,
        iat + 15 * 60
    );
    sign::encode(&header, &payload, Algorithm::RS256, &signer).ok().map(|t| format!("Authorization: Bearer {t}"))
}
