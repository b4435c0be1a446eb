//! JWE encryption, compact serialization: the inverse of [`decrypt`](super::decrypt). The
//! protected header is kept exactly as given (its bytes are the AAD), with the members the
//! algorithm adds written before its closing brace; the content key and IV are fresh from
//! aws-lc-rs's random number generator.

use serde_json::{Map, Value};

use crate::jose::base64url;
use crate::jose::jwe::error::JweError;
use crate::jose::jwe::header::{Header, KeyAlg};
use crate::jose::jwe::sender::{self, random};
use crate::jose::jwe::{DEFAULT_P2C, content};
use crate::jose::keys::Key;

/// Bytes of random PBES2 salt (`p2s`) when the header gives none: 16, twice RFC 7518's minimum.
const P2S_LEN: usize = 16;

/// Encrypts `plaintext` to the holder of `key` as the header's `alg` and `enc` say, and
/// returns the compact JWE.
///
/// `header_json` is a JSON object with at least `alg` and `enc`; it is kept byte for byte, and
/// the members the algorithm needs are appended: `epk` for ECDH-ES, `iv` and `tag` for
/// A*GCMKW, and for PBES2 `p2s` (16 random bytes) and `p2c` ([`DEFAULT_P2C`]) unless the
/// header gives them. With `"zip":"DEF"` the plaintext is deflated first. `RSA1_5` is refused.
///
/// The key: for `dir` the content key itself, for AES key wrap and GCMKW the key-encryption
/// key, for PBES2 the password (all secrets); the recipient's RSA or EC public key (a private
/// key serves too) for RSA-OAEP and ECDH-ES.
pub fn encrypt(header_json: &str, plaintext: &[u8], key: &Key) -> Result<String, JweError> {
    let Ok(Value::Object(mut members)) = serde_json::from_str::<Value>(header_json) else {
        return Err(JweError::HeaderNotJson);
    };
    let mut added = Map::new();
    if let Some(KeyAlg::Pbes2(_)) = members.get("alg").and_then(Value::as_str).and_then(KeyAlg::from_name) {
        if !members.contains_key("p2s") {
            added.insert("p2s".to_owned(), Value::String(base64url::encode(random(P2S_LEN)?)));
        }
        if !members.contains_key("p2c") {
            added.insert("p2c".to_owned(), Value::from(DEFAULT_P2C));
        }
        members.extend(added.clone());
    }
    let header = Header::read(members)?;
    if header.alg == KeyAlg::Rsa1_5 {
        return Err(JweError::Rsa1_5Refused);
    }
    for (member, alg) in [("epk", "ECDH-ES"), ("iv", "GCMKW"), ("tag", "GCMKW")] {
        let adds = match header.alg {
            KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_) => member == "epk",
            KeyAlg::AesGcmKw(_) => member != "epk",
            _ => false,
        };
        if adds && header.member(member).is_some() {
            return Err(JweError::MemberAdded(member, alg));
        }
    }
    let sent = sender::send(&header, &key.material)?;
    added.extend(sent.members);

    let protected = base64url::encode(with_members(header_json, &added));
    let iv = random(header.enc.iv_len())?;
    let deflated;
    let content = if header.deflate {
        deflated = miniz_oxide::deflate::compress_to_vec(plaintext, 6);
        &deflated
    } else {
        plaintext
    };
    let (ciphertext, tag) = content::encrypt(header.enc, &sent.cek, &iv, protected.as_bytes(), content)?;
    let b = base64url::encode;
    Ok(format!("{protected}.{}.{}.{}.{}", b(&sent.encrypted_key), b(&iv), b(&ciphertext), b(&tag)))
}

/// The header's text with `added` written before its closing brace, so that what the user
/// wrote stays byte for byte. `text` is known to be a JSON object.
fn with_members(text: &str, added: &Map<String, Value>) -> String {
    let trimmed = text.trim_end();
    let Some(body) = trimmed.strip_suffix('}') else { return text.to_owned() };
    let empty = body.trim_start().strip_prefix('{').is_some_and(|inside| inside.trim().is_empty());
    let mut out = body.to_owned();
    for (index, (name, value)) in added.iter().enumerate() {
        if index > 0 || !empty {
            out.push(',');
        }
        out.push_str(&Value::String(name.clone()).to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_members_go_before_the_closing_brace_and_the_rest_is_kept() {
        let mut added = Map::new();
        added.insert("p2c".to_owned(), Value::from(7));
        assert_eq!(with_members(r#"{"alg":"x" , "enc":"y"} "#, &added), r#"{"alg":"x" , "enc":"y","p2c":7}"#);
        assert_eq!(with_members(" { } ", &added), r#" { "p2c":7}"#);
        assert_eq!(with_members(r#"{"a":1}"#, &Map::new()), r#"{"a":1}"#);
    }
}
