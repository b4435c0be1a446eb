//! A draft: header and payload text being edited, turned into a compact token, byte for byte
//! as typed. The GUI's editor re-encodes through here on every edit; what to sign with is
//! the caller's choice, passed in.

use crate::jose::alg::AlgHeader;
use crate::jose::base64url;
use crate::jose::json::{self, JsonError};
use crate::jose::keys::Key;
use crate::jose::sign;

/// How the draft gets its signature.
#[derive(Clone, Copy, Debug)]
pub enum Signing<'a> {
    /// Sign with this key (`None`: no key was chosen).
    With(Option<&'a Key>),
    /// Keep this signature segment as it is: after an edit the token no longer verifies (a
    /// tampering demonstration).
    Keep(&'a str),
}

/// Why the draft's texts are not yet a token: which one is not JSON, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftErrors {
    /// Why the header text is not JSON, if it is not.
    pub header: Option<JsonError>,
    /// Why the payload text is not JSON, if it is not.
    pub payload: Option<JsonError>,
}

impl DraftErrors {
    /// Both texts are JSON.
    pub fn is_empty(&self) -> bool {
        self.header.is_none() && self.payload.is_none()
    }
}

/// Checks both texts; a draft is encoded only when both are JSON.
pub fn check(header: &str, payload: &str) -> DraftErrors {
    DraftErrors { header: json::parse(header).err(), payload: json::parse(payload).err() }
}

/// The compact token of a draft, and why it could not be signed (the signature segment is
/// then empty). `alg: none` gets an empty signature, as RFC 7515 says.
pub fn encode(header: &str, payload: &str, signing: Signing<'_>) -> (String, Option<String>) {
    let input = format!("{}.{}", base64url::encode(header), base64url::encode(payload));
    let alg = AlgHeader::from_header(json::parse(header).ok().as_ref().and_then(|h| h.get("alg")));
    let (signature, problem) = match (alg, signing) {
        (AlgHeader::None(_), _) => (String::new(), None),
        (_, Signing::Keep(signature)) => (signature.to_owned(), None),
        (AlgHeader::Known(alg), Signing::With(Some(key))) => match sign::sign(alg, key, input.as_bytes()) {
            Ok(signature) => (base64url::encode(signature), None),
            Err(error) => (String::new(), Some(error.to_string())),
        },
        (AlgHeader::Known(_), Signing::With(None)) => {
            (String::new(), Some("no signing key: enter the HMAC secret or load a private key".to_owned()))
        }
        (other, Signing::With(_)) => {
            (String::new(), Some(format!("alg {} is not an algorithm this tool signs", other.label())))
        }
    };
    (format!("{input}.{signature}"), problem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{SecretEncoding, secret_from_text};

    #[test]
    fn a_draft_is_encoded_as_typed_and_signed_with_the_key_given() {
        let key = secret_from_text("a secret of thirty-two bytes ok!", SecretEncoding::Utf8, "t").expect("key");
        let header = "{\"alg\":\"HS256\",  \"typ\":\"JWT\"}";
        let (token, problem) = encode(header, "{\"a\":1}", Signing::With(Some(&key)));
        assert_eq!(problem, None);
        assert_eq!(token, sign::encode(header, "{\"a\":1}", crate::jose::alg::Algorithm::HS256, &key).expect("sign"));
        // No key: an empty signature and why.
        let (token, problem) = encode(header, "{}", Signing::With(None));
        assert!(token.ends_with('.') && problem.is_some_and(|p| p.starts_with("no signing key")));
        // Kept: the old signature stays, whatever changed.
        let (token, _) = encode(header, "{\"a\":2}", Signing::Keep("c2ln"));
        assert_eq!(token.rsplit('.').next(), Some("c2ln"));
        // alg none: never a signature.
        let (token, problem) = encode("{\"alg\":\"none\"}", "{}", Signing::Keep("c2ln"));
        assert!(token.ends_with('.') && problem.is_none());
    }

    #[test]
    fn broken_json_is_reported_with_where() {
        let errors = check("{\"alg\":", "{}");
        assert!(errors.header.is_some() && errors.payload.is_none() && !errors.is_empty());
    }
}
