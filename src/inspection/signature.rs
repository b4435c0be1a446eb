//! The signature verdict of an inspection: the token checked with the user's keys and, when
//! the request asks and none of them can, with the publicly known secrets.

use std::borrow::Cow;

use crate::inspection::Request;
use crate::jose::alg::{AlgHeader, Family};
use crate::jose::jwe::{Decrypted, JweError};
use crate::jose::keys::{Key, UnusableKey};
use crate::jose::secrets;
use crate::jose::token::{self, Token, TokenKind};
use crate::jose::verify::{self, SignatureCause, SignatureVerdict};

/// The signature verdict, and the keys it was reached with.
pub(super) struct Judged<'k> {
    pub verdict: SignatureVerdict,
    /// The publicly known secret that verified the token, when searched and found.
    pub known_secret: Option<Key>,
    /// The request's keys, and the known secret when one was found: the linter and a nested
    /// token see the same keys as the signature check.
    pub keys: Cow<'k, [Key]>,
}

/// The token's signature checked with the request's keys, then with the known secrets.
pub(super) fn judge<'k>(
    token: Option<&Token>,
    alg: &AlgHeader,
    kid: Option<&str>,
    request: &Request<'k>,
    decryption: Option<&Result<Decrypted, JweError>>,
) -> Judged<'k> {
    if let Some(decryption) = decryption {
        return Judged {
            verdict: decryption_verdict(decryption, request.keys),
            known_secret: None,
            keys: Cow::Borrowed(request.keys),
        };
    }
    let mut verdict = signature_verdict(token, alg, kid, request.keys);
    let known_secret =
        if request.known_secrets && unchecked(&verdict) { search_known_secret(token, alg, &mut verdict) } else { None };
    let keys = match &known_secret {
        Some(found) => {
            let keys: Vec<Key> = request.keys.iter().cloned().chain([found.clone()]).collect();
            verdict = signature_verdict(token, alg, kid, &keys);
            Cow::Owned(keys)
        }
        None => Cow::Borrowed(request.keys),
    };
    if unchecked(&verdict)
        && let Some(hint) = unusable_hint(request.unusable_keys)
    {
        verdict.hints.insert(0, hint);
    }
    Judged { verdict, known_secret, keys }
}

/// A JWE's verdict: what decrypting it with the request's keys came to. Authenticated
/// encryption proves the content as a signature would: a matching tag is "valid", a failed
/// unwrap or tag is "invalid", and no key (or an algorithm this tool lacks) is "not checked".
fn decryption_verdict(decryption: &Result<Decrypted, JweError>, keys: &[Key]) -> SignatureVerdict {
    use crate::jose::verify::SignatureStatus;
    match decryption {
        Ok(decrypted) => {
            let key = keys.get(decrypted.key).map_or_else(String::new, Key::label);
            let zip = if decrypted.compressed { ", inflated" } else { "" };
            let mut verdict = SignatureVerdict::new(
                SignatureStatus::Valid,
                SignatureCause::Decrypted,
                format!(
                    "decrypted with {key} ({} + {}{zip}): the content is authentic",
                    decrypted.alg.name(),
                    decrypted.enc.name()
                ),
            );
            verdict.key = Some(decrypted.key);
            verdict
        }
        Err(error) => {
            let (status, cause) = match error {
                JweError::NoKey(_) => (SignatureStatus::Unverifiable, SignatureCause::NoKey),
                JweError::NoFittingKey(_) => (SignatureStatus::Unverifiable, SignatureCause::NoFittingKey),
                JweError::KeyUnusable(_) => (SignatureStatus::Unverifiable, SignatureCause::KeyUnusable),
                JweError::UnsupportedAlg(_) | JweError::UnsupportedEnc(_) | JweError::UnsupportedZip(_) => {
                    (SignatureStatus::Unverifiable, SignatureCause::UnsupportedAlg)
                }
                JweError::NotJwe(_) | JweError::Segment { .. } | JweError::HeaderNotJson => {
                    (SignatureStatus::Unverifiable, SignatureCause::Unreadable)
                }
                _ => (SignatureStatus::Invalid, SignatureCause::DecryptionFailed),
            };
            SignatureVerdict::new(status, cause, format!("not decrypted: {error}"))
        }
    }
}

/// No key of the user's could check the signature.
fn unchecked(verdict: &SignatureVerdict) -> bool {
    matches!(verdict.cause, SignatureCause::NoKey | SignatureCause::OnlyDemoKey)
}

/// No key of the user's checks an HMAC token: try the secrets anyone can look up, as an
/// attacker would. A hit is the key that verifies the token, named as known; a signing input
/// too long to search unasked gets a hint instead.
fn search_known_secret(token: Option<&Token>, alg: &AlgHeader, verdict: &mut SignatureVerdict) -> Option<Key> {
    let alg = alg.known().filter(|a| a.family() == Family::Hmac)?;
    let token = token?;
    let (input, signature) = (token.signing_input()?, token.signature()?);
    if secrets::auto_search(input.len()) {
        return secrets::find_known(alg, input.as_bytes(), signature);
    }
    verdict.hints.push(format!(
        "the publicly known secrets were not tried automatically: the signing input is {} bytes (over {}), and each try is an HMAC over all of it; `jwt-inspector crack` tries them",
        input.len(),
        secrets::AUTO_SEARCH_MAX_INPUT
    ));
    None
}

/// Names the key inputs that could not be used, when there are any.
fn unusable_hint(unusable_keys: &[UnusableKey]) -> Option<String> {
    let first = unusable_keys.first()?;
    let count = unusable_keys.len();
    let plural = if count == 1 { "" } else { "s" };
    Some(format!("{count} key input{plural} could not be used: {}: {}", first.source, first.error))
}

fn signature_verdict(token: Option<&Token>, alg: &AlgHeader, kid: Option<&str>, keys: &[Key]) -> SignatureVerdict {
    let unverifiable = |cause, reason: &str| SignatureVerdict::unverifiable(cause, reason);
    let Some(token) = token else { return unverifiable(SignatureCause::Unreadable, "there is no readable token") };
    if token.kind == TokenKind::Jwe {
        return unverifiable(
            SignatureCause::Encrypted,
            "the token is encrypted (JWE): it has no signature to check, and this tool does not decrypt",
        );
    }
    if token.header_object().is_none() {
        return unverifiable(
            SignatureCause::Unreadable,
            "the header could not be read, so nothing says how the token is signed",
        );
    }
    if matches!(alg, AlgHeader::None(_)) {
        // Whatever the signature segment holds, alg none is never verified.
        return verify::verify(
            &verify::Signed { alg, kid, signing_input: &[], signature: token.signature().unwrap_or_default() },
            keys,
        );
    }
    let Some(signature) = token.signature() else {
        return unverifiable(
            SignatureCause::Unreadable,
            "the signature segment is not base64url, so it cannot be checked",
        );
    };
    let Some(signing_input) = token.signing_input() else {
        return unverifiable(SignatureCause::Unreadable, "the token has no payload segment");
    };
    if token.unencoded_payload && token.segment_text(token::SegmentRole::Payload).is_some_and(str::is_empty) {
        return unverifiable(
            SignatureCause::Detached,
            "the payload is detached (b64: false with an empty payload segment): supply the payload to check the signature",
        );
    }
    verify::verify(&verify::Signed { alg, kid, signing_input: signing_input.as_bytes(), signature }, keys)
}
