//! Signature verification over the exact received bytes, layered so that the verdict names
//! its cause: algorithm → key selection (by `kid`, else every key that fits) → key/algorithm
//! fit → signature shape (length, DER ECDSA, zero r or s) → cryptography. `none` is *not
//! signed*, never valid.
//!
//! The cryptography is aws-lc-rs, jsonwebtoken's backend, called with the very algorithm
//! parameters jsonwebtoken's verifiers use (RSA 2048–8192 bits, fixed-length ECDSA, plus
//! P-521, which jsonwebtoken lacks), but with each key parsed once per algorithm and kept
//! on the [`Key`] ([`Prepared`]): `jsonwebtoken::crypto::verify` re-parses the key (and
//! re-derives the HMAC pads) on every call, which costs more than the check itself for
//! HMAC and a tenth of an RSA verification. A test holds both to the same answers.

use std::sync::{Arc, OnceLock};

use aws_lc_rs::{hmac, signature as sig};

use crate::jose::alg::{AlgHeader, Algorithm, Family};
use crate::jose::keys::{Key, KeyMaterial, SecretEncoding};

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
    pub fn name(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Unverifiable => "unverifiable",
            Self::NotSigned => "not-signed",
        }
    }
}

/// What was found when one key was tried.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Attempt {
    /// Index into the loaded keys.
    pub key: usize,
    pub label: String,
    /// "verified", "signature does not match", or why the key does not fit.
    pub outcome: String,
}

/// The layered verdict on a token's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureVerdict {
    pub status: SignatureStatus,
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
    fn new(status: SignatureStatus, reason: impl Into<String>) -> Self {
        Self { status, key: None, reason: reason.into(), attempts: Vec::new(), hints: Vec::new(), key_confusion: None }
    }
}

/// The signed token as the verifier needs it.
pub struct Signed<'a> {
    pub alg: &'a AlgHeader,
    pub kid: Option<&'a str>,
    /// The bytes that were signed (`header.payload` as received).
    pub signing_input: &'a [u8],
    pub signature: &'a [u8],
}

/// Verifies `signed` against `keys`.
pub fn verify(signed: &Signed<'_>, keys: &[Key]) -> SignatureVerdict {
    let alg = match signed.alg {
        AlgHeader::Known(alg) => *alg,
        AlgHeader::None(text) => {
            let mut verdict = SignatureVerdict::new(
                SignatureStatus::NotSigned,
                format!("not signed: alg is {text:?}, an unsecured token that anyone can forge"),
            );
            if !signed.signature.is_empty() {
                verdict.hints.push(format!(
                    "the signature segment holds {} bytes, which alg none says to ignore",
                    signed.signature.len()
                ));
            }
            return verdict;
        }
        AlgHeader::Unsupported(text) => {
            let mut verdict = SignatureVerdict::new(
                SignatureStatus::Unverifiable,
                format!("alg {text:?} is not an algorithm this tool verifies"),
            );
            if let Some(alg) = Algorithm::ALL.iter().find(|a| a.name().eq_ignore_ascii_case(text)) {
                verdict.hints.push(format!("alg is case-sensitive: did the issuer mean {alg}?"));
            }
            return verdict;
        }
        AlgHeader::NotAString(kind) => {
            return SignatureVerdict::new(SignatureStatus::Unverifiable, format!("alg is {kind}, not a string"));
        }
        AlgHeader::Missing => {
            return SignatureVerdict::new(
                SignatureStatus::Unverifiable,
                "the header has no alg, so nothing says how to check the signature",
            );
        }
    };

    // Shape problems make the signature wrong whatever the key.
    if let Some(verdict) = shape_verdict(alg, signed) {
        return verdict;
    }

    if keys.is_empty() {
        let needs = match alg.family() {
            Family::Hmac => "enter the HMAC secret",
            _ => "load the issuer's public key (PEM, certificate, JWK or JWKS)",
        };
        return SignatureVerdict::new(
            SignatureStatus::Unverifiable,
            format!("no key loaded: {needs} to check this {alg} signature"),
        );
    }

    // Key selection: by kid when one matches, else every key.
    let by_kid: Vec<usize> = match signed.kid {
        Some(kid) => keys.iter().enumerate().filter(|(_, k)| k.kid.as_deref() == Some(kid)).map(|(i, _)| i).collect(),
        None => Vec::new(),
    };
    let (candidates, selection_note): (Vec<usize>, Option<String>) = if by_kid.is_empty() {
        let note = signed.kid.map(|kid| format!("no loaded key has kid {kid:?}, so every loaded key was tried"));
        ((0..keys.len()).collect(), note)
    } else {
        (by_kid, None)
    };

    let mut attempts = Vec::new();
    let mut fitting = 0;
    let mut first_misfit = None;
    for &index in &candidates {
        let Some(key) = keys.get(index) else { continue };
        let label = key.label();
        if let Err(misfit) = key.fit(alg) {
            first_misfit.get_or_insert_with(|| misfit.to_string());
            attempts.push(Attempt { key: index, label, outcome: format!("does not fit: {misfit}") });
            continue;
        }
        fitting += 1;
        match check(alg, key, signed) {
            Ok(true) => {
                attempts.push(Attempt { key: index, label: label.clone(), outcome: "verified".to_owned() });
                let mut verdict =
                    SignatureVerdict::new(SignatureStatus::Valid, format!("signature verified with {label}"));
                verdict.key = Some(index);
                verdict.attempts = attempts;
                verdict.hints.extend(selection_note);
                return verdict;
            }
            Ok(false) => attempts.push(Attempt { key: index, label, outcome: "signature does not match".to_owned() }),
            Err(why) => attempts.push(Attempt { key: index, label, outcome: format!("could not be used: {why}") }),
        }
    }

    let mut verdict = if fitting == 0 {
        let reason = match (candidates.len(), first_misfit) {
            (1, Some(misfit)) => format!("the key does not fit the token: {misfit}"),
            (n, _) => format!("none of the {n} loaded keys fits {alg}"),
        };
        let status =
            if alg.family() == Family::Hmac { SignatureStatus::Invalid } else { SignatureStatus::Unverifiable };
        let mut verdict = SignatureVerdict::new(status, reason);
        if candidates.len() == 1 {
            verdict.key = candidates.first().copied();
        }
        verdict
    } else {
        let mut verdict = SignatureVerdict::new(
            SignatureStatus::Invalid,
            if fitting == 1 {
                "signature does not match the key".to_owned()
            } else {
                format!("signature matches none of the {fitting} keys that fit {alg}")
            },
        );
        if fitting == 1 {
            verdict.key = attempts.iter().find(|a| !a.outcome.starts_with("does not fit")).map(|a| a.key);
        }
        verdict
    };
    verdict.attempts = attempts;
    verdict.hints.extend(selection_note);
    verdict.hints.extend(repair_hints(alg, signed, keys, &candidates));
    if alg.family() == Family::Hmac {
        verdict.key_confusion = key_confusion(alg, signed, keys);
        if let Some(index) = verdict.key_confusion {
            let label = keys.get(index).map(Key::label).unwrap_or_default();
            verdict.status = SignatureStatus::Invalid;
            verdict.reason = format!(
                "forged by algorithm confusion: the {alg} MAC was made with the public key {label} used as the HMAC secret"
            );
        }
    }
    verdict
}

/// Signature lengths and encodings that cannot be right for `alg`, whatever the key.
fn shape_verdict(alg: Algorithm, signed: &Signed<'_>) -> Option<SignatureVerdict> {
    let sig = signed.signature;
    if sig.is_empty() {
        let mut verdict = SignatureVerdict::new(
            SignatureStatus::Invalid,
            format!("the signature segment is empty, but {alg} requires a signature"),
        );
        verdict.hints.push("a token with its signature stripped must be rejected (RFC 8725 §3.1)".to_owned());
        return Some(verdict);
    }
    let expected = alg.fixed_signature_len()?;
    if alg.family() == Family::Ec {
        let half = expected / 2;
        if sig.len() == expected {
            let (r, s) = sig.split_at(half);
            if r.iter().all(|b| *b == 0) || s.iter().all(|b| *b == 0) {
                return Some(SignatureVerdict::new(
                    SignatureStatus::Invalid,
                    "ECDSA r or s is zero: a \"psychic signature\" that some verifiers wrongly accept (CVE-2022-21449)",
                ));
            }
            return None;
        }
        if is_der_ecdsa(sig) {
            let mut verdict = SignatureVerdict::new(
                SignatureStatus::Invalid,
                format!(
                    "the signature is DER-encoded ECDSA ({} bytes); JOSE wants raw r‖s ({expected} bytes for {alg})",
                    sig.len()
                ),
            );
            verdict.hints.push(
                "the issuer must convert the DER signature to the fixed-length r‖s form (RFC 7518 §3.4)".to_owned(),
            );
            return Some(verdict);
        }
    }
    if sig.len() != expected {
        return Some(SignatureVerdict::new(
            SignatureStatus::Invalid,
            format!("the signature is {} bytes, but {alg} signatures are always {expected} bytes", sig.len()),
        ));
    }
    None
}

/// A DER `SEQUENCE { INTEGER r, INTEGER s }` and nothing after it.
fn is_der_ecdsa(sig: &[u8]) -> bool {
    use x509_cert::der::{Decode as _, Reader as _, SliceReader, asn1::UintRef};
    let Ok(mut reader) = SliceReader::new(sig) else { return false };
    let parsed: Result<(), x509_cert::der::Error> = reader.sequence(|inner| {
        UintRef::decode(inner)?;
        UintRef::decode(inner)?;
        Ok(())
    });
    parsed.is_ok() && reader.is_finished()
}

/// A key made ready for one algorithm.
#[derive(Clone)]
enum Ready {
    /// Boxed: an HMAC key holds its two hash states (over 1 KB).
    Hmac(Box<hmac::Key>),
    Public(sig::ParsedPublicKey),
}

impl Ready {
    fn new(alg: Algorithm, material: &KeyMaterial) -> Result<Self, String> {
        let public = |params: &'static dyn sig::VerificationAlgorithm, bytes: &[u8]| {
            sig::ParsedPublicKey::new(params, bytes).map(Self::Public).map_err(|e| format!("the key was rejected: {e}"))
        };
        let rsa = |params: &'static sig::RsaParameters, n: &[u8], e: &[u8]| {
            sig::RsaPublicKeyComponents { n, e }
                .to_parsed_public_key(params)
                .map(Self::Public)
                .map_err(|e| format!("the key was rejected: {e}"))
        };
        if let (Some(hash), KeyMaterial::Secret(secret)) = (hmac_hash(alg), material) {
            return Ok(Self::Hmac(Box::new(hmac::Key::new(hash, secret))));
        }
        match (alg, material) {
            (Algorithm::RS256, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PKCS1_2048_8192_SHA256, n, e),
            (Algorithm::RS384, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PKCS1_2048_8192_SHA384, n, e),
            (Algorithm::RS512, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PKCS1_2048_8192_SHA512, n, e),
            (Algorithm::PS256, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PSS_2048_8192_SHA256, n, e),
            (Algorithm::PS384, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PSS_2048_8192_SHA384, n, e),
            (Algorithm::PS512, KeyMaterial::Rsa { n, e, .. }) => rsa(&sig::RSA_PSS_2048_8192_SHA512, n, e),
            (Algorithm::ES256, KeyMaterial::Ec { point, .. }) => public(&sig::ECDSA_P256_SHA256_FIXED, point),
            (Algorithm::ES384, KeyMaterial::Ec { point, .. }) => public(&sig::ECDSA_P384_SHA384_FIXED, point),
            (Algorithm::ES512, KeyMaterial::Ec { point, .. }) => public(&sig::ECDSA_P521_SHA512_FIXED, point),
            (Algorithm::EdDSA, KeyMaterial::Ed25519 { public: bytes, .. }) => public(&sig::ED25519, bytes),
            _ => Err(format!("{alg} does not use this kind of key")),
        }
    }

    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match self {
            Self::Hmac(key) => hmac::verify(key, message, signature).is_ok(),
            Self::Public(key) => key.verify_sig(message, signature).is_ok(),
        }
    }
}

/// A key's parsed forms, one per algorithm, made on first use and shared by clones of the
/// key. Derived from the key material alone, so it takes no part in comparing keys.
#[derive(Clone, Default)]
pub struct Prepared(Arc<[OnceLock<Result<Ready, String>>; Algorithm::ALL.len()]>);

impl Prepared {
    fn get(&self, alg: Algorithm, material: &KeyMaterial) -> Result<&Ready, String> {
        let index = Algorithm::ALL.iter().position(|a| *a == alg).unwrap_or_default();
        match self.0.get(index) {
            Some(slot) => slot.get_or_init(|| Ready::new(alg, material)).as_ref().map_err(Clone::clone),
            None => Err(format!("{alg} is not supported")),
        }
    }
}

impl PartialEq for Prepared {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Prepared {}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prepared")
    }
}

/// Runs the cryptography for one fitting key.
fn check(alg: Algorithm, key: &Key, signed: &Signed<'_>) -> Result<bool, String> {
    if let KeyMaterial::Rsa { n, .. } = &key.material {
        let modulus = n.iter().skip_while(|b| **b == 0).count();
        if signed.signature.len() != modulus {
            return Err(format!(
                "the signature is {} bytes but this key's modulus is {modulus} bytes",
                signed.signature.len()
            ));
        }
    }
    Ok(key.prepared.get(alg, &key.material)?.verify(signed.signing_input, signed.signature))
}

/// Whether `secret` (not a loaded key: a repair or an attack being tried) makes the MAC.
fn hmac_matches(alg: Algorithm, secret: &[u8], signed: &Signed<'_>) -> bool {
    hmac_hash(alg)
        .is_some_and(|hash| hmac::verify(&hmac::Key::new(hash, secret), signed.signing_input, signed.signature).is_ok())
}

fn hmac_hash(alg: Algorithm) -> Option<hmac::Algorithm> {
    match alg {
        Algorithm::HS256 => Some(hmac::HMAC_SHA256),
        Algorithm::HS384 => Some(hmac::HMAC_SHA384),
        Algorithm::HS512 => Some(hmac::HMAC_SHA512),
        _ => None,
    }
}

/// What the user may have got wrong, tested rather than guessed: each hint is given only
/// when the repaired input really verifies (or really is present).
fn repair_hints(alg: Algorithm, signed: &Signed<'_>, keys: &[Key], candidates: &[usize]) -> Vec<String> {
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
        if key.notes.iter().any(|n| n.contains("CRLF")) && alg.family() == Family::Hmac {
            hints.push("the key's PEM has CRLF line ends; HMAC over PEM text depends on the exact bytes".to_owned());
        }
    }
    hints
}

/// Whether an HMAC token's MAC verifies with a loaded public key's bytes as the secret
/// (the PEM text with and without its final newline, CRLF or LF, or the DER).
fn key_confusion(alg: Algorithm, signed: &Signed<'_>, keys: &[Key]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::base64url;
    use crate::jose::keys::secret_from_text;

    fn hs256(secret: &[u8], input: &str) -> Vec<u8> {
        let key = jsonwebtoken::EncodingKey::from_secret(secret);
        let b64 = jsonwebtoken::crypto::sign(input.as_bytes(), &key, jsonwebtoken::Algorithm::HS256).expect("sign");
        base64url::decode(&b64).expect("b64").bytes
    }

    fn run(alg: AlgHeader, sig: &[u8], keys: &[Key]) -> SignatureVerdict {
        verify(&Signed { alg: &alg, kid: None, signing_input: b"a.b", signature: sig }, keys)
    }

    #[test]
    fn hs256_with_right_and_wrong_secret() {
        let sig = hs256(b"secret", "a.b");
        let good = secret_from_text("secret", SecretEncoding::Utf8, "t").expect("key");
        let bad = secret_from_text("wrong", SecretEncoding::Utf8, "t").expect("key");
        assert_eq!(run(AlgHeader::Known(Algorithm::HS256), &sig, &[good]).status, SignatureStatus::Valid);
        let verdict = run(AlgHeader::Known(Algorithm::HS256), &sig, &[bad]);
        assert_eq!(verdict.status, SignatureStatus::Invalid);
        assert_eq!(verdict.reason, "signature does not match the key");
    }

    #[test]
    fn secret_in_the_wrong_encoding_gets_a_hint() {
        let sig = hs256(b"secret", "a.b");
        let as_base64 = secret_from_text("c2VjcmV0", SecretEncoding::Utf8, "t").expect("key");
        let verdict = run(AlgHeader::Known(Algorithm::HS256), &sig, &[as_base64]);
        assert_eq!(verdict.status, SignatureStatus::Invalid);
        assert!(verdict.hints.iter().any(|h| h.contains("read as base64 instead of text")), "{:?}", verdict.hints);
    }

    #[test]
    fn alg_none_is_never_valid_whatever_the_key() {
        let key = secret_from_text("", SecretEncoding::Utf8, "t").expect("key");
        for text in ["none", "None", "NONE", "nOnE"] {
            let verdict = run(AlgHeader::None(text.to_owned()), b"", std::slice::from_ref(&key));
            assert_eq!(verdict.status, SignatureStatus::NotSigned);
        }
    }

    #[test]
    fn wrong_length_and_empty_signatures_are_invalid() {
        let key = secret_from_text("secret", SecretEncoding::Utf8, "t").expect("key");
        let short = run(AlgHeader::Known(Algorithm::HS256), &[1, 2, 3], std::slice::from_ref(&key));
        assert_eq!(short.reason, "the signature is 3 bytes, but HS256 signatures are always 32 bytes");
        let empty = run(AlgHeader::Known(Algorithm::HS256), &[], &[key]);
        assert!(empty.reason.starts_with("the signature segment is empty"));
    }

    #[test]
    fn ecdsa_zero_and_der_signatures_have_their_own_explanations() {
        let zero = run(AlgHeader::Known(Algorithm::ES256), &[0; 64], &[]);
        assert!(zero.reason.contains("CVE-2022-21449"));
        let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
        let verdict = run(AlgHeader::Known(Algorithm::ES256), &der, &[]);
        assert!(verdict.reason.contains("DER-encoded ECDSA"), "{}", verdict.reason);
    }

    #[test]
    fn no_key_is_unverifiable_and_says_what_to_load() {
        let verdict = run(AlgHeader::Known(Algorithm::RS256), &[1; 256], &[]);
        assert_eq!(verdict.status, SignatureStatus::Unverifiable);
        assert!(verdict.reason.contains("load the issuer's public key"));
    }
}
