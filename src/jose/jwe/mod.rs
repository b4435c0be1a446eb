//! JWE decryption (RFC 7516, algorithms of RFC 7518), compact serialization: the token parsed
//! by [`token`](crate::jose::token) and the user's keys in; the plaintext, its `cty` and the
//! key that decrypted out, or the step that failed as a [`JweError`].
//!
//! Steps, in order: read the protected header (`alg`, `enc`, `crit`, `zip`, the PBES2 cap);
//! check the IV and tag lengths; choose keys as the signature verifier does (by `kid` when a
//! loaded key has it, else every key of the user's that fits `alg`); for each, recover the
//! content key ([`cek`]), decrypt and authenticate the content ([`content`]) with the
//! protected header segment as AAD, and inflate `zip: DEF` ([`inflate`]). The first key that
//! gets through wins; when none does, the first candidate's failure is reported.
//!
//! The primitives are aws-lc-rs's (AES-GCM, AES-CBC, HMAC, AES key wrap, RSA-OAEP and
//! PKCS#1 v1.5, ECDH, PBKDF2, SHA-256); the JOSE framing around them is ours.
//!
//! Limits, so that no token can make this slow or large: a PBES2 `p2c` above [`MAX_P2C`] is
//! refused before any iteration runs; `zip: DEF` content inflating past [`MAX_INFLATED`] is
//! refused before more than that is allocated.
//!
//! [`encrypt`] is the inverse, from the same pieces: every algorithm above but `RSA1_5`
//! (legacy: decrypted, never made anew). Not yet: X25519 (`OKP` keys are not loaded) and the
//! JSON serializations.

mod cek;
mod content;
mod ecdh;
mod encrypt;
mod error;
mod header;
mod inflate;
mod kw;
mod sender;

pub use encrypt::encrypt;
pub use error::{JweError, MemberProblem};
pub use header::{AesSize, ContentEnc, KeyAlg};

use crate::jose::keys::{Key, Origin};
use crate::jose::token::{SegmentRole, Token, TokenKind};

/// The most PBES2 iterations (`p2c`) this tool computes: 1,000,000, about a second of
/// PBKDF2-HMAC-SHA-512. RFC 7518 §4.8.1.2 recommends at least 1000; real tokens use
/// thousands to hundreds of thousands.
pub const MAX_P2C: u64 = 1_000_000;

/// The PBES2 iteration count [`encrypt`] writes when the header gives none: 310,000, OWASP's
/// figure for PBKDF2-HMAC-SHA-256, under [`MAX_P2C`] so this tool decrypts its own tokens.
pub const DEFAULT_P2C: u32 = 310_000;

/// The most bytes `zip: DEF` content may inflate to: 16 MiB, far beyond any token a server
/// would accept.
pub const MAX_INFLATED: usize = 16 * 1024 * 1024;

/// A decrypted JWE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decrypted {
    /// Index into the keys given of the key that decrypted.
    pub key: usize,
    /// The key management algorithm.
    pub alg: KeyAlg,
    /// The content encryption.
    pub enc: ContentEnc,
    /// The plaintext bytes, inflated when the header says `zip: DEF`.
    pub plaintext: Vec<u8>,
    /// The header's `cty` (`JWT` for a nested token), when it is a string.
    pub cty: Option<String>,
    /// Whether the content was compressed (`zip: DEF`).
    pub compressed: bool,
}

/// Decrypts a compact JWE with the first of `keys` that can.
pub fn decrypt(token: &Token, keys: &[Key]) -> Result<Decrypted, JweError> {
    if token.kind != TokenKind::Jwe {
        return Err(JweError::NotJwe(token.segments.len()));
    }
    let bytes = |role: SegmentRole| -> Result<&[u8], JweError> {
        let segment = token.segment(role).ok_or(JweError::NotJwe(token.segments.len()))?;
        segment.decoded.as_deref().map_err(|error| JweError::Segment { role, error: error.clone() })
    };
    let protected = bytes(SegmentRole::Header)?;
    let Ok(serde_json::Value::Object(members)) = serde_json::from_slice(protected) else {
        return Err(JweError::HeaderNotJson);
    };
    let header = header::Header::read(members)?;
    let sealed = content::Sealed {
        aad: token.segment_text(SegmentRole::Header).unwrap_or_default().as_bytes(),
        iv: bytes(SegmentRole::InitializationVector)?,
        ciphertext: bytes(SegmentRole::Ciphertext)?,
        tag: bytes(SegmentRole::AuthenticationTag)?,
    };
    content::check_lengths(header.enc, &sealed)?;
    let recipient = cek::Recipient::new(&header, bytes(SegmentRole::EncryptedKey)?)?;

    let candidates = candidates(&header, &recipient, keys)?;
    let mut first_error = None;
    for index in candidates {
        let Some(key) = keys.get(index) else { continue };
        let attempt = recipient
            .cek(key)
            .and_then(|cek| content::decrypt(header.enc, &cek, &sealed))
            .and_then(|plaintext| if header.deflate { inflate::inflate(&plaintext) } else { Ok(plaintext) });
        match attempt {
            Ok(plaintext) => {
                return Ok(Decrypted {
                    key: index,
                    alg: header.alg,
                    enc: header.enc,
                    plaintext,
                    cty: header.cty.clone(),
                    compressed: header.deflate,
                });
            }
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or(JweError::NoFittingKey(header.alg)))
}

/// The keys to try, as the signature verifier chooses them: those with the header's `kid`
/// when any has it, else every key of the user's (not the bundled demo key); of these, those
/// of the kind `alg` needs.
fn candidates(header: &header::Header, recipient: &cek::Recipient<'_>, keys: &[Key]) -> Result<Vec<usize>, JweError> {
    if keys.is_empty() {
        return Err(JweError::NoKey(header.alg));
    }
    let by_kid: Vec<usize> = match &header.kid {
        Some(kid) => keys.iter().enumerate().filter(|(_, k)| k.kid.as_ref() == Some(kid)).map(|(i, _)| i).collect(),
        None => Vec::new(),
    };
    let pool: Vec<usize> = if by_kid.is_empty() {
        keys.iter().enumerate().filter(|(_, k)| k.origin != Origin::Demo).map(|(i, _)| i).collect()
    } else {
        by_kid
    };
    let fitting: Vec<usize> =
        pool.into_iter().filter(|&i| keys.get(i).is_some_and(|k| recipient.fits(&k.material))).collect();
    if fitting.is_empty() {
        return Err(JweError::NoFittingKey(header.alg));
    }
    Ok(fitting)
}
