//! Signature lengths and encodings that cannot be right for the algorithm, whatever the key:
//! empty, the wrong length, DER where JOSE wants r‖s, and the psychic signature (r or s zero).

use crate::jose::alg::{Algorithm, Family};
use crate::jose::verify::{SignatureCause, SignatureStatus, SignatureVerdict, Signed};

/// Signature lengths and encodings that cannot be right for `alg`, whatever the key.
pub(super) fn shape_verdict(alg: Algorithm, signed: &Signed<'_>) -> Option<SignatureVerdict> {
    let sig = signed.signature;
    if sig.is_empty() {
        let mut verdict = SignatureVerdict::new(
            SignatureStatus::Invalid,
            SignatureCause::EmptySignature,
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
                return Some(psychic("ECDSA r or s is zero"));
            }
            return None;
        }
        if let Some(zero) = der_ecdsa(sig) {
            if zero {
                return Some(psychic("the DER-encoded ECDSA signature has r or s zero"));
            }
            let mut verdict = SignatureVerdict::new(
                SignatureStatus::Invalid,
                SignatureCause::DerEcdsa,
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
            SignatureCause::WrongLength,
            format!("the signature is {} bytes, but {alg} signatures are always {expected} bytes", sig.len()),
        ));
    }
    None
}

fn psychic(what: &str) -> SignatureVerdict {
    SignatureVerdict::new(
        SignatureStatus::Invalid,
        SignatureCause::PsychicSignature,
        format!("{what}: a \"psychic signature\" that some verifiers wrongly accept (CVE-2022-21449)"),
    )
}

/// When `sig` is a DER `SEQUENCE { INTEGER r, INTEGER s }` and nothing after it: whether
/// r or s is zero.
fn der_ecdsa(sig: &[u8]) -> Option<bool> {
    use x509_cert::der::{Decode as _, Reader as _, SliceReader, asn1::UintRef};
    let mut reader = SliceReader::new(sig).ok()?;
    let zero = |n: UintRef<'_>| n.as_bytes().iter().all(|b| *b == 0);
    let parsed: Result<bool, x509_cert::der::Error> = reader.sequence(|inner| {
        let r = UintRef::decode(inner)?;
        let s = UintRef::decode(inner)?;
        Ok(zero(r) || zero(s))
    });
    match parsed {
        Ok(zero) if reader.is_finished() => Some(zero),
        _ => None,
    }
}
