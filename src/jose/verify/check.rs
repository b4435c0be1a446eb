//! The cryptography for one fitting key, on the key's prepared form.

use std::borrow::Cow;

use crate::jose::alg::Algorithm;
use crate::jose::keys::{Key, KeyMaterial};
use crate::jose::verify::Signed;

/// What the cryptography said about one fitting key.
pub(super) enum Checked {
    Match,
    /// Checked, and wrong: why, for people.
    Mismatch(Cow<'static, str>),
    /// Not checked: the key cannot be used for this algorithm.
    Unusable(String),
}

/// Runs the cryptography for one fitting key.
pub(super) fn check(alg: Algorithm, key: &Key, signed: &Signed<'_>) -> Checked {
    let ready = match key.prepared.get(alg, &key.material) {
        Ok(ready) => ready,
        Err(why) => return Checked::Unusable(why),
    };
    if let KeyMaterial::Rsa { n, .. } = &key.material {
        let modulus = n.iter().skip_while(|b| **b == 0).count();
        if signed.signature.len() != modulus {
            return Checked::Mismatch(
                format!(
                    "signature does not match: it is {} bytes, but this key's signatures are {modulus} bytes",
                    signed.signature.len()
                )
                .into(),
            );
        }
    }
    if ready.verify(signed.signing_input, signed.signature) {
        Checked::Match
    } else {
        Checked::Mismatch(Cow::Borrowed("signature does not match"))
    }
}
