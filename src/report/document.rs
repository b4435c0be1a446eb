//! The report of a JWS JSON document (RFC 7515 §7.2): each signature's verdict, and how
//! many verified with which keys. `inspect --json` prints it for a document; the human
//! report renders from it.

use serde::Serialize;

use crate::jose::jws_json::{Document, JwsJsonError};
use crate::jose::keys::Key;
use crate::jose::verify::{SignatureCause, SignatureStatus, SignatureVerdict};
use crate::report::KeyReport;

/// A JWS JSON document, checked.
#[derive(Serialize)]
pub struct DocumentReport<'a> {
    /// Always `jws-json`.
    pub kind: &'static str,
    /// `general` or `flattened`.
    pub form: &'static str,
    /// Every signature verified (and there is at least one).
    pub passed: bool,
    /// How many signatures verified.
    pub verified: usize,
    /// The payload as received (`null` when detached).
    pub payload: Option<&'a str>,
    /// The payload decoded, when it is UTF-8 text.
    pub payload_text: Option<String>,
    /// Each signature, in document order.
    pub signatures: Vec<SignatureReport<'a>>,
}

/// One signature of the document.
#[derive(Serialize)]
pub struct SignatureReport<'a> {
    /// The header's `alg`, as written (`null` when absent).
    pub alg: Option<&'a str>,
    /// The header's `kid`.
    pub kid: Option<&'a str>,
    /// `valid`, `invalid`, `unverifiable` or `not-signed`.
    pub status: SignatureStatus,
    /// Why, as a stable id (`null` when the signature could not even be read).
    pub cause: Option<SignatureCause>,
    /// The reason in words.
    pub reason: String,
    /// The key that verified it (or the only one tried).
    pub key: Option<KeyReport<'a>>,
}

impl<'a> DocumentReport<'a> {
    /// Checks every signature of `document` with `keys`.
    pub fn new(document: &'a Document, keys: &'a [Key], detached: Option<&str>) -> Self {
        let verdicts = document.verify(keys, detached);
        let signatures: Vec<SignatureReport<'a>> = document
            .signatures
            .iter()
            .zip(verdicts)
            .map(|(signature, verdict)| {
                let (status, cause, reason, key) = match verdict {
                    Ok(SignatureVerdict { status, cause, reason, key, .. }) => {
                        (status, Some(cause), reason, key.and_then(|k| keys.get(k)).map(KeyReport::new))
                    }
                    Err(error) => (SignatureStatus::Unverifiable, None, unreadable(&error), None),
                };
                SignatureReport { alg: signature.alg.text(), kid: signature.kid.as_deref(), status, cause, reason, key }
            })
            .collect();
        let verified = signatures.iter().filter(|s| s.status == SignatureStatus::Valid).count();
        Self {
            kind: "jws-json",
            form: if document.flattened { "flattened" } else { "general" },
            passed: verified > 0 && verified == signatures.len(),
            verified,
            payload: document.payload_text.as_deref(),
            payload_text: document.payload(detached).and_then(|bytes| String::from_utf8(bytes).ok()),
            signatures,
        }
    }
}

fn unreadable(error: &JwsJsonError) -> String {
    format!("not checked: {error}")
}
