//! After a failure: what the user may have got wrong (tested, never guessed), and whether the
//! token was forged by algorithm confusion.

use aws_lc_rs::hmac;

use crate::jose::alg::{Algorithm, Family};
use crate::jose::keys::{Key, KeyMaterial, SecretEncoding};
use crate::jose::verify::Signed;

/// Whether `secret` (not a loaded key: a repair or an attack being tried) makes the MAC.
fn hmac_matches(alg: Algorithm, secret: &[u8], signed: &Signed<'_>) -> bool {
    crate::jose::params::hmac(alg)
        .is_some_and(|hash| hmac::verify(&hmac::Key::new(hash, secret), signed.signing_input, signed.signature).is_ok())
}

/// What the user may have got wrong, tested rather than guessed: each hint is given only
/// when the repaired input really verifies (or really is present).
pub(super) fn repair_hints(alg: Algorithm, signed: &Signed<'_>, keys: &[Key], candidates: &[usize]) -> Vec<String> {
    let mut hints = Vec::new();
    for key in candidates.iter().filter_map(|&i| keys.get(i)) {
        if let (KeyMaterial::Secret(_), Some((text, used))) = (&key.material, &key.secret_text) {
            if alg.family() == Family::Hmac {
                for other in SecretEncoding::ALL.into_iter().filter(|e| e != used) {
                    if let Ok(bytes) = other.decode(text)
                        && hmac_matches(alg, &bytes, signed)
                    {
                        hints.push(format!(
                            "the secret verifies if read as {} instead of {}: switch the encoding",
                            other.label(),
                            used.label()
                        ));
                    }
                }
                if text != text.trim() && hmac_matches(alg, text.trim().as_bytes(), signed) {
                    hints.push("the secret verifies without its surrounding whitespace".to_owned());
                }
            } else if crate::jose::keys::load(text.as_bytes(), "secret").is_ok() {
                hints.push(
                    "the secret field holds key material (a PEM or its body without BEGIN/END lines): load it as a key instead".to_owned(),
                );
            }
        }
        if key.crlf_line_ends && alg.family() == Family::Hmac {
            hints.push("the key's PEM has CRLF line ends; HMAC over PEM text depends on the exact bytes".to_owned());
        }
    }
    hints
}

/// Whether an HMAC token's MAC verifies with a loaded public key's bytes as the secret
/// (the PEM text with and without its final newline, CRLF or LF, or the DER).
pub(super) fn key_confusion(alg: Algorithm, signed: &Signed<'_>, keys: &[Key]) -> Option<usize> {
    keys.iter().position(|key| {
        let Some(pem) = &key.pem_text else { return false };
        let lf = pem.replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        let variants = [
            lf.clone(),
            format!("{}\n", lf.trim_end()),
            lf.trim_end().to_owned(),
            crlf.clone(),
            format!("{}\r\n", crlf.trim_end()),
        ];
        variants.iter().any(|v| hmac_matches(alg, v.as_bytes(), signed))
    })
}
