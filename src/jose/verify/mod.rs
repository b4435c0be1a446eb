//! Signature verification over the exact received bytes, layered so that the verdict names
//! its cause: algorithm → key selection (by `kid`, else every key that fits) → key/algorithm
//! fit → signature shape (length, DER ECDSA, zero r or s) → cryptography. `none` is *not
//! signed*, never valid.
//!
//! The cryptography is aws-lc-rs, jsonwebtoken's backend, called with the very algorithm
//! parameters jsonwebtoken's verifiers use (RSA 2048–8192 bits, fixed-length ECDSA, plus
//! P-521, secp256k1 and ML-DSA, which jsonwebtoken lacks), but with each key parsed once per algorithm and kept
//! on the [`Key`] ([`Prepared`](crate::jose::prepared::Prepared)):
//! `jsonwebtoken::crypto::verify` re-parses the key (and re-derives the HMAC pads) on every
//! call, which costs more than the check itself for HMAC and a tenth of an RSA verification.
//! A test holds both to the same answers.

use std::borrow::Cow;

use crate::jose::alg::{AlgHeader, Algorithm, Family};
use crate::jose::keys::{Key, Origin};

mod check;
mod hints;
mod select;
mod shape;

use check::{Checked, check};
use hints::{key_confusion, repair_hints};
use select::{algorithm, select_keys};
use shape::shape_verdict;

/// The signature's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// A loaded key verified the signature.
    Valid,
    /// The signature was checked and is wrong, or can never be right (bad length, r = 0,
    /// an HMAC token against public-key material).
    Invalid,
    /// It could not be checked: no key, no fitting key, unsupported algorithm, unreadable token.
    Unverifiable,
    /// `alg: none`: an unsecured JWS.
    NotSigned,
}

impl SignatureStatus {
    /// Stable, kebab-case, as in `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Unverifiable => "unverifiable",
            Self::NotSigned => "not-signed",
        }
    }
}

/// Why the signature has its status: a fact the verdict, the linter and the shells act on
/// (the `reason` sentence says the same for people, with the particulars).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureCause {
    /// A key the user gave verified it.
    Verified,
    /// It verified with a secret from the public list of known JWT secrets.
    KnownSecret,
    /// Checked with every fitting key: none matches.
    Mismatch,
    /// An HMAC made with a public key's bytes as the secret.
    KeyConfusion,
    /// The signature segment is empty.
    EmptySignature,
    /// ECDSA r or s is zero (raw or DER): CVE-2022-21449.
    PsychicSignature,
    /// A DER-encoded ECDSA signature where JOSE wants raw r‖s.
    DerEcdsa,
    /// A length the algorithm can never produce.
    WrongLength,
    /// `alg: none`.
    NotSigned,
    /// No key is loaded at all.
    NoKey,
    /// Only the bundled demo key is loaded, and this is not the demo token.
    OnlyDemoKey,
    /// Keys are loaded, but none is of the kind the algorithm needs.
    NoFittingKey,
    /// A fitting key that the cryptography cannot use (e.g. RSA under 1024 bits).
    KeyUnusable,
    /// The header's alg is not one this tool implements, or not a string.
    UnsupportedAlg,
    /// The header has no `alg`.
    MissingAlg,
    /// JWE: there is no signature, and no key decrypted it.
    Encrypted,
    /// JWE: a key decrypted it, and the content's authentication tag matched.
    Decrypted,
    /// JWE: decryption failed at a step that a server would refuse the token for (the key
    /// unwrap, the tag, a length, `crit`, a cap).
    DecryptionFailed,
    /// The token, its header or its signature segment cannot be read.
    Unreadable,
    /// `b64: false` with an empty payload segment: the payload travels separately.
    Detached,
}

impl SignatureCause {
    /// Stable, kebab-case, as in `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::KnownSecret => "known-secret",
            Self::Mismatch => "mismatch",
            Self::KeyConfusion => "key-confusion",
            Self::EmptySignature => "empty-signature",
            Self::PsychicSignature => "psychic-signature",
            Self::DerEcdsa => "der-ecdsa",
            Self::WrongLength => "wrong-length",
            Self::NotSigned => "not-signed",
            Self::NoKey => "no-key",
            Self::OnlyDemoKey => "only-demo-key",
            Self::NoFittingKey => "no-fitting-key",
            Self::KeyUnusable => "key-unusable",
            Self::UnsupportedAlg => "unsupported-alg",
            Self::MissingAlg => "missing-alg",
            Self::Encrypted => "encrypted",
            Self::Decrypted => "decrypted",
            Self::DecryptionFailed => "decryption-failed",
            Self::Unreadable => "unreadable",
            Self::Detached => "detached",
        }
    }
}

/// What came of trying one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttemptResult {
    /// This key verified the signature.
    Verified,
    /// This key fits but the signature does not verify with it.
    Mismatch,
    /// The key is not of the kind the algorithm needs.
    DoesNotFit,
    /// It fits, but the cryptography cannot use it.
    Unusable,
}

/// What was found when one key was tried.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Attempt {
    /// Index into the loaded keys.
    pub key: usize,
    /// The key as verdicts name it: "RSA 2048 (kid 2024-01)", "RSA 2048 from key.pem".
    pub label: String,
    /// What came of it.
    pub result: AttemptResult,
    /// The result for people, with its particulars ("does not fit: …").
    pub outcome: Cow<'static, str>,
}

/// The layered verdict on a token's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureVerdict {
    /// Valid, invalid, unverifiable or not signed.
    pub status: SignatureStatus,
    /// Why, as a fact.
    pub cause: SignatureCause,
    /// The key that verified, or the only key that was tried.
    pub key: Option<usize>,
    /// One sentence that names the cause.
    pub reason: String,
    /// Every key that was considered, in order.
    pub attempts: Vec<Attempt>,
    /// What the user can do about a failure.
    pub hints: Vec<String>,
    /// An HMAC token whose MAC verifies with the bytes of a public key used as the secret:
    /// someone forged it with the algorithm-confusion attack. Never `Valid`.
    pub key_confusion: Option<usize>,
}

impl SignatureVerdict {
    /// A verdict with no key, attempts or hints yet.
    pub fn new(status: SignatureStatus, cause: SignatureCause, reason: impl Into<String>) -> Self {
        Self {
            status,
            cause,
            key: None,
            reason: reason.into(),
            attempts: Vec::new(),
            hints: Vec::new(),
            key_confusion: None,
        }
    }

    /// Not checked, for a reason outside the signature (no readable token, a JWE, …).
    pub fn unverifiable(cause: SignatureCause, reason: impl Into<String>) -> Self {
        Self::new(SignatureStatus::Unverifiable, cause, reason)
    }
}

/// The signed token as the verifier needs it.
pub struct Signed<'a> {
    /// The header's `alg`.
    pub alg: &'a AlgHeader,
    /// The header's `kid`, when it is a string: when loaded keys have it, only they are tried.
    pub kid: Option<&'a str>,
    /// The bytes that were signed (`header.payload` as received).
    pub signing_input: &'a [u8],
    /// The decoded signature segment.
    pub signature: &'a [u8],
}

/// Verifies `signed` against `keys`.
pub fn verify(signed: &Signed<'_>, keys: &[Key]) -> SignatureVerdict {
    let alg = match algorithm(signed) {
        Ok(alg) => alg,
        Err(verdict) => return verdict,
    };
    // Shape problems make the signature wrong whatever the key.
    if let Some(verdict) = shape_verdict(alg, signed) {
        return verdict;
    }
    let (candidates, selection_note) = match select_keys(alg, signed, keys) {
        Ok(selected) => selected,
        Err(verdict) => return verdict,
    };
    try_keys(alg, signed, keys, &candidates, selection_note)
}

/// Tries each candidate key in turn: the first that verifies wins; otherwise the verdict
/// names why none did (none fits, none could be used, or none matches), with repair hints.
fn try_keys(
    alg: Algorithm,
    signed: &Signed<'_>,
    keys: &[Key],
    candidates: &[usize],
    selection_note: Option<String>,
) -> SignatureVerdict {
    let mut attempts = Vec::new();
    let mut first_misfit = None;
    let mut first_unusable = None;
    for &index in candidates {
        let Some(key) = keys.get(index) else { continue };
        let label = key.label();
        let attempt =
            |result, outcome: Cow<'static, str>, label: String| Attempt { key: index, label, result, outcome };
        if let Err(misfit) = key.fit(alg) {
            first_misfit.get_or_insert_with(|| misfit.to_string());
            attempts.push(attempt(AttemptResult::DoesNotFit, format!("does not fit: {misfit}").into(), label));
            continue;
        }
        match check(alg, key, signed) {
            Checked::Match => {
                // Built before the label moves into the attempt: `verify --batch` runs this
                // per line, where every allocation shows.
                let (cause, reason) = match (&key.origin, &key.secret_text) {
                    (Origin::KnownSecret, Some((text, _))) => (
                        SignatureCause::KnownSecret,
                        format!("signature verified: the secret is the publicly known {text:?}"),
                    ),
                    _ => (SignatureCause::Verified, format!("signature verified with {label}")),
                };
                attempts.push(attempt(AttemptResult::Verified, Cow::Borrowed("verified"), label));
                let mut verdict = SignatureVerdict::new(SignatureStatus::Valid, cause, reason);
                verdict.key = Some(index);
                verdict.attempts = attempts;
                verdict.hints.extend(selection_note);
                return verdict;
            }
            Checked::Mismatch(why) => attempts.push(attempt(AttemptResult::Mismatch, why, label)),
            Checked::Unusable(why) => {
                attempts.push(attempt(AttemptResult::Unusable, format!("could not be used: {why}").into(), label));
                first_unusable.get_or_insert(why);
            }
        }
    }

    let mut verdict = failure(alg, candidates, &attempts, first_misfit, first_unusable);
    verdict.attempts = attempts;
    verdict.hints.extend(selection_note);
    verdict.hints.extend(repair_hints(alg, signed, keys, candidates));
    if alg.family() == Family::Hmac {
        verdict.key_confusion = key_confusion(alg, signed, keys);
        if let Some(index) = verdict.key_confusion {
            let label = keys.get(index).map(Key::label).unwrap_or_default();
            verdict.status = SignatureStatus::Invalid;
            verdict.cause = SignatureCause::KeyConfusion;
            verdict.reason = format!(
                "forged by algorithm confusion: the {alg} MAC was made with the public key {label} used as the HMAC secret"
            );
        }
    }
    verdict
}

/// Why none of the candidate keys verified: none fits, none could be used, or none matches.
fn failure(
    alg: Algorithm,
    candidates: &[usize],
    attempts: &[Attempt],
    first_misfit: Option<String>,
    first_unusable: Option<String>,
) -> SignatureVerdict {
    let checked: Vec<usize> = attempts.iter().filter(|a| a.result == AttemptResult::Mismatch).map(|a| a.key).collect();
    let fitting = attempts.iter().filter(|a| a.result != AttemptResult::DoesNotFit).count();
    if fitting == 0 {
        let reason = match (candidates.len(), first_misfit) {
            (1, Some(misfit)) => format!("the key does not fit the token: {misfit}"),
            (n, _) => format!("none of the {n} loaded keys fits {alg}"),
        };
        // An HMAC token can never be proven with public-key material: that is a failure,
        // not a missing key (the algorithm-confusion attack relies on servers trying).
        let status =
            if alg.family() == Family::Hmac { SignatureStatus::Invalid } else { SignatureStatus::Unverifiable };
        let mut verdict = SignatureVerdict::new(status, SignatureCause::NoFittingKey, reason);
        if candidates.len() == 1 {
            verdict.key = candidates.first().copied();
        }
        verdict
    } else if checked.is_empty() {
        // Every fitting key was unusable: nothing was checked, so nothing can be called invalid.
        let mut verdict = SignatureVerdict::unverifiable(
            SignatureCause::KeyUnusable,
            format!("not checked: {}", first_unusable.unwrap_or_default()),
        );
        if fitting == 1 {
            verdict.key = attempts.iter().find(|a| a.result == AttemptResult::Unusable).map(|a| a.key);
        }
        verdict
    } else {
        let mut verdict = SignatureVerdict::new(
            SignatureStatus::Invalid,
            SignatureCause::Mismatch,
            if checked.len() == 1 {
                "signature does not match the key".to_owned()
            } else {
                format!("signature matches none of the {} keys that fit {alg}", checked.len())
            },
        );
        if checked.len() == 1 {
            verdict.key = checked.first().copied();
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::base64url;
    use crate::jose::keys::{SecretEncoding, secret_from_text};

    fn hs256(secret: &[u8], input: &str) -> Vec<u8> {
        let key = jsonwebtoken::EncodingKey::from_secret(secret);
        let b64 = jsonwebtoken::crypto::sign(input.as_bytes(), &key, jsonwebtoken::Algorithm::HS256).expect("sign");
        base64url::decode(&b64).expect("b64").bytes
    }

    fn run(alg: &AlgHeader, sig: &[u8], keys: &[Key]) -> SignatureVerdict {
        verify(&Signed { alg, kid: None, signing_input: b"a.b", signature: sig }, keys)
    }

    #[test]
    fn hs256_with_right_and_wrong_secret() {
        let sig = hs256(b"secret", "a.b");
        let good = secret_from_text("secret", SecretEncoding::Utf8, "t").expect("key");
        let bad = secret_from_text("wrong", SecretEncoding::Utf8, "t").expect("key");
        assert_eq!(run(&AlgHeader::Known(Algorithm::HS256), &sig, &[good]).status, SignatureStatus::Valid);
        let verdict = run(&AlgHeader::Known(Algorithm::HS256), &sig, &[bad]);
        assert_eq!(verdict.status, SignatureStatus::Invalid);
        assert_eq!(verdict.reason, "signature does not match the key");
    }

    #[test]
    fn secret_in_the_wrong_encoding_gets_a_hint() {
        let sig = hs256(b"secret", "a.b");
        let as_base64 = secret_from_text("c2VjcmV0", SecretEncoding::Utf8, "t").expect("key");
        let verdict = run(&AlgHeader::Known(Algorithm::HS256), &sig, &[as_base64]);
        assert_eq!(verdict.status, SignatureStatus::Invalid);
        assert!(verdict.hints.iter().any(|h| h.contains("read as base64 instead of text")), "{:?}", verdict.hints);
    }

    #[test]
    fn alg_none_is_never_valid_whatever_the_key() {
        let key = secret_from_text("", SecretEncoding::Utf8, "t").expect("key");
        for text in ["none", "None", "NONE", "nOnE"] {
            let verdict = run(&AlgHeader::None(text.to_owned()), b"", std::slice::from_ref(&key));
            assert_eq!(verdict.status, SignatureStatus::NotSigned);
        }
    }

    #[test]
    fn wrong_length_and_empty_signatures_are_invalid() {
        let key = secret_from_text("secret", SecretEncoding::Utf8, "t").expect("key");
        let short = run(&AlgHeader::Known(Algorithm::HS256), &[1, 2, 3], std::slice::from_ref(&key));
        assert_eq!(short.reason, "the signature is 3 bytes, but HS256 signatures are always 32 bytes");
        let empty = run(&AlgHeader::Known(Algorithm::HS256), &[], &[key]);
        assert!(empty.reason.starts_with("the signature segment is empty"));
    }

    #[test]
    fn ecdsa_zero_and_der_signatures_have_their_own_explanations() {
        let zero = run(&AlgHeader::Known(Algorithm::ES256), &[0; 64], &[]);
        assert!(zero.reason.contains("CVE-2022-21449"));
        let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
        let verdict = run(&AlgHeader::Known(Algorithm::ES256), &der, &[]);
        assert!(verdict.reason.contains("DER-encoded ECDSA"), "{}", verdict.reason);
    }

    #[test]
    fn no_key_is_unverifiable_and_says_what_to_load() {
        let verdict = run(&AlgHeader::Known(Algorithm::RS256), &[1; 256], &[]);
        assert_eq!(verdict.status, SignatureStatus::Unverifiable);
        assert!(verdict.reason.contains("load the issuer's public key"));
    }
}
