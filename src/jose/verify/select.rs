//! Before any cryptography: the algorithm the header names (or why there is none to check
//! with), and the keys to try (by `kid`, else every key of the user's).

use crate::jose::alg::{AlgHeader, Algorithm, Family};
use crate::jose::keys::{Key, Origin};
use crate::jose::verify::{SignatureCause, SignatureStatus, SignatureVerdict, Signed};

/// The algorithm to check with, or the verdict when the header names none this tool checks.
pub(super) fn algorithm(signed: &Signed<'_>) -> Result<Algorithm, SignatureVerdict> {
    match signed.alg {
        AlgHeader::Known(alg) => Ok(*alg),
        AlgHeader::None(text) => {
            let mut verdict = SignatureVerdict::new(
                SignatureStatus::NotSigned,
                SignatureCause::NotSigned,
                format!("not signed: alg is {text:?}, an unsecured token that anyone can forge"),
            );
            if !signed.signature.is_empty() {
                verdict.hints.push(format!(
                    "the signature segment holds {} bytes, which alg none says to ignore",
                    signed.signature.len()
                ));
            }
            Err(verdict)
        }
        AlgHeader::Unimplemented(alg) => {
            Err(SignatureVerdict::unverifiable(SignatureCause::UnsupportedAlg, format!("not checked: {}", alg.why())))
        }
        AlgHeader::Unsupported(text) => {
            let mut verdict = SignatureVerdict::unverifiable(
                SignatureCause::UnsupportedAlg,
                format!("alg {text:?} is not an algorithm this tool verifies"),
            );
            if let Some(alg) = Algorithm::ALL.iter().find(|a| a.name().eq_ignore_ascii_case(text)) {
                verdict.hints.push(format!("alg is case-sensitive: did the issuer mean {alg}?"));
            }
            Err(verdict)
        }
        AlgHeader::NotAString(kind) => {
            Err(SignatureVerdict::unverifiable(SignatureCause::UnsupportedAlg, format!("alg is {kind}, not a string")))
        }
        AlgHeader::Missing => Err(SignatureVerdict::unverifiable(
            SignatureCause::MissingAlg,
            "the header has no alg, so nothing says how to check the signature",
        )),
    }
}

/// The keys to try (indices into `keys`) and a note on how they were chosen, or the verdict
/// when there is no key of the user's to try.
pub(super) fn select_keys(
    alg: Algorithm,
    signed: &Signed<'_>,
    keys: &[Key],
) -> Result<(Vec<usize>, Option<String>), SignatureVerdict> {
    let needs = match alg.family() {
        Family::Hmac => "enter the HMAC secret",
        _ => "load the issuer's public key (PEM, certificate, JWK or JWKS)",
    };
    if keys.is_empty() {
        return Err(SignatureVerdict::unverifiable(
            SignatureCause::NoKey,
            format!("no key loaded: {needs} to check this {alg} signature"),
        ));
    }

    // Key selection: by kid when one matches, else every key. The bundled demo key checks
    // only the demo token (selected by its kid): against anyone else's token a mismatch
    // would be a false alarm about a key the user never gave.
    let by_kid: Vec<usize> = match signed.kid {
        Some(kid) => keys.iter().enumerate().filter(|(_, k)| k.kid.as_deref() == Some(kid)).map(|(i, _)| i).collect(),
        None => Vec::new(),
    };
    let (candidates, selection_note): (Vec<usize>, Option<String>) = if by_kid.is_empty() {
        let yours: Vec<usize> =
            keys.iter().enumerate().filter(|(_, k)| k.origin != Origin::Demo).map(|(i, _)| i).collect();
        let note = signed
            .kid
            .filter(|_| yours.len() > 1)
            .map(|kid| format!("no loaded key has kid {kid:?}, so every loaded key was tried"));
        (yours, note)
    } else {
        (by_kid, None)
    };
    if candidates.is_empty() {
        return Err(SignatureVerdict::unverifiable(
            SignatureCause::OnlyDemoKey,
            format!(
                "not checked: no key of yours is loaded (the bundled demo key only checks the demo token): {needs}"
            ),
        ));
    }
    Ok((candidates, selection_note))
}
