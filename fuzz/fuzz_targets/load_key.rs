//! Any bytes given as key material (PEM, DER, JWK, JWKS, secrets in every encoding) must
//! load or fail with a message, never panic; a loaded key must describe itself.
#![no_main]

use jwt_inspector::jose::keys::{self, SecretEncoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = keys::load(data, "fuzz") {
        for key in &loaded.keys {
            let _ = (key.thumbprint(), key.description(), key.algorithms(), key.public_jwk());
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for encoding in SecretEncoding::ALL {
            let _ = keys::secret_from_text(text, encoding, "fuzz");
        }
    }
});
