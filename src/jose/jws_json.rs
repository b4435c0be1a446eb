//! The JWS JSON serialization (RFC 7515 §7.2), general and flattened: a payload signed by
//! one or more signatures, each with a protected header (base64url JSON), an unprotected
//! header (plain JSON), or both. Each signature is checked on its own with the same
//! verifier as a compact token, so a document's verdict says which signatures verified
//! with which keys. Detached payloads (RFC 7515 Appendix F) and unencoded ones (RFC 7797
//! `b64: false`) are read as the RFCs say.

use crate::jose::alg::AlgHeader;
use crate::jose::base64url;
use crate::jose::json::{self, Node, Value};
use crate::jose::keys::Key;
use crate::jose::verify::{self, SignatureVerdict, Signed};

/// Header members this reader understands when a `crit` names them (RFC 7515 §4.1.11).
const UNDERSTOOD_CRIT: [&str; 1] = ["b64"];

/// Why a text is not a JWS JSON document, or why one of its signatures cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JwsJsonError {
    /// Not a JSON object.
    #[error("not a JSON object")]
    NotAnObject,
    /// A JWE in the JSON serialization (`ciphertext` is present).
    #[error("a JWE in the JSON serialization (it has a ciphertext): not a JWS")]
    Jwe,
    /// Neither `signatures` (general) nor `signature` (flattened).
    #[error("no \"signatures\" array and no \"signature\" member: not a JWS JSON document")]
    NoSignatures,
    /// A member has the wrong JSON type.
    #[error("\"{0}\" must be {1}")]
    WrongType(&'static str, &'static str),
    /// No `payload` member and no detached payload given.
    #[error("the payload is detached (no \"payload\" member): give it to check the signatures")]
    DetachedPayload,
    /// A base64url member is not base64url.
    #[error("\"{0}\" is not base64url: {1}")]
    NotBase64(&'static str, String),
    /// The protected header is not a JSON object.
    #[error("the protected header is not a JSON object: {0}")]
    ProtectedNotJson(String),
    /// A signature has neither a protected nor an unprotected header.
    #[error("this signature has no header at all")]
    NoHeader,
    /// A name is in both headers (RFC 7515 §7.2.1 requires them disjoint).
    #[error("\"{0}\" is in both the protected and the unprotected header (they must be disjoint)")]
    HeadersOverlap(String),
    /// `crit` names a member this reader does not understand, or is malformed.
    #[error("crit {0}: a verifier must refuse what it does not understand")]
    Crit(String),
}

/// One signature of the document, its headers read.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The protected header's base64url text as received ("" when there is none).
    pub protected_text: String,
    /// The protected header, decoded.
    pub protected: Option<Node>,
    /// The unprotected header.
    pub unprotected: Option<Node>,
    /// `alg`, from whichever header holds it.
    pub alg: AlgHeader,
    /// `kid`, from whichever header holds it.
    pub kid: Option<String>,
    /// The decoded signature.
    pub signature: Vec<u8>,
    /// Why this signature cannot be checked, if it cannot.
    pub problem: Option<JwsJsonError>,
    /// The payload is used as it is (RFC 7797 `b64: false`), not base64url.
    pub unencoded: bool,
}

/// A JWS JSON document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The flattened form (one signature at the top level) rather than the general form.
    pub flattened: bool,
    /// The `payload` member as received; `None` when the payload is detached.
    pub payload_text: Option<String>,
    /// The signatures, in document order.
    pub signatures: Vec<Signature>,
}

/// Reads `text` as a JWS JSON document.
pub fn parse(text: &str) -> Result<Document, JwsJsonError> {
    let root = json::parse(text.trim()).map_err(|_| JwsJsonError::NotAnObject)?;
    if !matches!(root.value, Value::Object(_)) {
        return Err(JwsJsonError::NotAnObject);
    }
    if root.get("ciphertext").is_some() {
        return Err(JwsJsonError::Jwe);
    }
    let payload_text = match root.get("payload").map(|p| &p.value) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(JwsJsonError::WrongType("payload", "a string")),
    };
    let (flattened, entries): (bool, Vec<&Node>) = match (root.get("signatures"), root.get("signature")) {
        (Some(Node { value: Value::Array(items), .. }), None) => (false, items.iter().collect()),
        (Some(_), None) => return Err(JwsJsonError::WrongType("signatures", "an array")),
        (None, Some(_)) => (true, vec![&root]),
        (Some(_), Some(_)) => return Err(JwsJsonError::WrongType("signature", "absent beside \"signatures\"")),
        (None, None) => return Err(JwsJsonError::NoSignatures),
    };
    let signatures = entries.into_iter().map(signature).collect::<Result<Vec<_>, _>>()?;
    Ok(Document { flattened, payload_text, signatures })
}

/// One entry of `signatures` (or the flattened document itself).
fn signature(entry: &Node) -> Result<Signature, JwsJsonError> {
    if !matches!(entry.value, Value::Object(_)) {
        return Err(JwsJsonError::WrongType("signatures[]", "an object"));
    }
    let protected_text = match entry.get("protected").map(|p| &p.value) {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(JwsJsonError::WrongType("protected", "a string")),
    };
    let signature = match entry.get("signature").map(|s| &s.value) {
        Some(Value::String(s)) => {
            base64url::decode(s).map_err(|e| JwsJsonError::NotBase64("signature", e.to_string()))?.bytes
        }
        _ => return Err(JwsJsonError::WrongType("signature", "a base64url string")),
    };
    let unprotected = entry.get("header").cloned();
    let mut read = Signature {
        protected_text,
        protected: None,
        unprotected,
        alg: AlgHeader::Missing,
        kid: None,
        signature,
        problem: None,
        unencoded: false,
    };
    if let Err(problem) = read_headers(&mut read) {
        read.problem = Some(problem);
    }
    Ok(read)
}

/// Decodes the protected header, checks the two headers' rules and reads alg, kid and b64.
fn read_headers(signature: &mut Signature) -> Result<(), JwsJsonError> {
    if let Some(unprotected) = &signature.unprotected
        && !matches!(unprotected.value, Value::Object(_))
    {
        return Err(JwsJsonError::WrongType("header", "a JSON object"));
    }
    if !signature.protected_text.is_empty() {
        let bytes = base64url::decode(&signature.protected_text)
            .map_err(|e| JwsJsonError::NotBase64("protected", e.to_string()))?
            .bytes;
        let text = String::from_utf8(bytes).map_err(|e| JwsJsonError::ProtectedNotJson(e.to_string()))?;
        let node = json::parse(&text).map_err(|e| JwsJsonError::ProtectedNotJson(e.to_string()))?;
        if !matches!(node.value, Value::Object(_)) {
            return Err(JwsJsonError::ProtectedNotJson("not an object".to_owned()));
        }
        signature.protected = Some(node);
    }
    let (protected, unprotected) = (signature.protected.as_ref(), signature.unprotected.as_ref());
    if protected.is_none() && unprotected.is_none() {
        return Err(JwsJsonError::NoHeader);
    }
    if let (Some(p), Some(u)) = (protected, unprotected)
        && let Some(shared) = p.value.members().iter().find(|m| u.get(&m.name).is_some())
    {
        return Err(JwsJsonError::HeadersOverlap(shared.name.clone()));
    }
    let get = |name: &str| protected.and_then(|p| p.get(name)).or_else(|| unprotected.and_then(|u| u.get(name)));
    signature.alg = AlgHeader::from_header(get("alg"));
    signature.kid = get("kid").and_then(|k| k.value.as_str()).map(str::to_owned);
    // `crit` must be protected and name only what is understood (and present).
    if let Some(crit) = protected.and_then(|p| p.get("crit")) {
        let Value::Array(names) = &crit.value else { return Err(JwsJsonError::Crit("is not an array".to_owned())) };
        for name in names {
            match name.value.as_str() {
                Some(name) if UNDERSTOOD_CRIT.contains(&name) => {}
                Some(name) => return Err(JwsJsonError::Crit(format!("names {name:?}"))),
                None => return Err(JwsJsonError::Crit("holds a non-string".to_owned())),
            }
        }
    } else if unprotected.is_some_and(|u| u.get("crit").is_some()) {
        return Err(JwsJsonError::Crit("is in the unprotected header (it must be protected)".to_owned()));
    }
    signature.unencoded = protected.and_then(|p| p.get("b64")).is_some_and(|b| b.value == Value::Bool(false));
    Ok(())
}

impl Document {
    /// Checks every signature against `keys`. `detached` is the payload's text when the
    /// document has none (as it would appear in `payload`: base64url, or the raw payload
    /// under `b64: false`). A signature that cannot be checked gives its reason.
    pub fn verify(&self, keys: &[Key], detached: Option<&str>) -> Vec<Result<SignatureVerdict, JwsJsonError>> {
        let payload = self.payload_text.as_deref().or(detached);
        self.signatures
            .iter()
            .map(|signature| {
                if let Some(problem) = &signature.problem {
                    return Err(problem.clone());
                }
                let payload = payload.ok_or(JwsJsonError::DetachedPayload)?;
                let signing_input = format!("{}.{payload}", signature.protected_text);
                let signed = Signed {
                    alg: &signature.alg,
                    kid: signature.kid.as_deref(),
                    signing_input: signing_input.as_bytes(),
                    signature: &signature.signature,
                };
                Ok(verify::verify(&signed, keys))
            })
            .collect()
    }

    /// The payload's bytes: decoded from base64url, or as they are under `b64: false`.
    /// `None` when detached and not given, or not base64url.
    pub fn payload(&self, detached: Option<&str>) -> Option<Vec<u8>> {
        let text = self.payload_text.as_deref().or(detached)?;
        if self.signatures.first().is_some_and(|s| s.unencoded) {
            return Some(text.as_bytes().to_vec());
        }
        base64url::decode(text).ok().map(|d| d.bytes)
    }
}
