//! The JWS JSON serialization (RFC 7515 §7.2) against the published vectors: RFC 7515 A.6
//! (general, two signatures) and A.7 (flattened), RFC 7520 §4.5–4.8 (detached payload,
//! protected and unprotected headers, three signatures of three families).

use jwt_inspector::jose::jws_json::{self, JwsJsonError};
use jwt_inspector::jose::keys::{self, Key};
use jwt_inspector::jose::verify::{SignatureCause, SignatureStatus};

use crate::common::read;

fn text(name: &str) -> String {
    String::from_utf8(read(&format!("vectors/rfc-next/{name}"))).unwrap()
}

/// The keys of a vector: a JWK, a JWKS, or (RFC 7520 §4.8) a bare JSON array of JWKs,
/// which the loader reads as a JWKS.
fn keys_of(name: &str) -> Vec<Key> {
    keys::load(&read(&format!("vectors/rfc-next/{name}")), name).unwrap().keys
}

/// Every signature of `document` verifies, each with the key at the index given.
fn all_verify(document: &str, keys: &[Key], detached: Option<&str>, signers: &[usize]) {
    let parsed = jws_json::parse(document).unwrap();
    let verdicts = parsed.verify(keys, detached);
    assert_eq!(verdicts.len(), signers.len());
    for (i, (verdict, signer)) in verdicts.into_iter().zip(signers).enumerate() {
        let verdict = verdict.unwrap_or_else(|e| panic!("signature {i}: {e}"));
        assert_eq!(verdict.status, SignatureStatus::Valid, "signature {i}: {}", verdict.reason);
        assert_eq!(verdict.key, Some(*signer), "signature {i}");
    }
}

#[test]
fn rfc7515_a6_general_two_signatures_rs256_and_es256() {
    let keys = keys_of("rfc7515_a6.jwks.json");
    let document = text("rfc7515_a6.json");
    let parsed = jws_json::parse(&document).unwrap();
    assert!(!parsed.flattened);
    assert_eq!(parsed.signatures.iter().map(|s| s.alg.label()).collect::<Vec<_>>(), ["RS256", "ES256"]);
    let kids: Vec<Option<&str>> = parsed.signatures.iter().map(|s| s.kid.as_deref()).collect();
    assert_eq!(kids, [Some("2010-12-29"), Some("e9bc097a-ce51-4036-9562-d2ade882db0d")]);
    let rsa = keys.iter().position(|k| k.kid.as_deref() == Some("2010-12-29")).unwrap();
    let ec = keys.iter().position(|k| k.kid.as_deref() == Some("e9bc097a-ce51-4036-9562-d2ade882db0d")).unwrap();
    all_verify(&document, &keys, None, &[rsa, ec]);
    let payload = String::from_utf8(parsed.payload(None).unwrap()).unwrap();
    assert!(payload.contains("\"iss\":\"joe\""), "{payload}");
}

#[test]
fn rfc7515_a7_flattened_es256() {
    let document = text("rfc7515_a7.json");
    assert!(jws_json::parse(&document).unwrap().flattened);
    all_verify(&document, &keys_of("rfc7515_a7.jwks.json"), None, &[0]);
}

#[test]
fn rfc7520_4_5_to_4_7_detached_protected_and_unprotected_headers() {
    let key = keys_of("rfc7520_4_5.jwk.json");
    // 4.5: the payload is detached: it must be given, as it would appear in "payload".
    let detached = jwt_inspector::jose::base64url::encode(text("rfc7520_4_5.payload.txt").trim_end_matches('\n'));
    for form in ["flattened", "general"] {
        let document = text(&format!("rfc7520_4_5.{form}.json"));
        let parsed = jws_json::parse(&document).unwrap();
        assert_eq!(parsed.verify(&key, None), vec![Err(JwsJsonError::DetachedPayload)], "{form}");
        all_verify(&document, &key, Some(&detached), &[0]);
        // 4.6: protected alg, unprotected kid. 4.7: everything unprotected (".payload").
        for vector in ["4_6", "4_7"] {
            all_verify(&text(&format!("rfc7520_{vector}.{form}.json")), &key, None, &[0]);
        }
    }
}

#[test]
fn rfc7520_4_8_three_signatures_of_three_families() {
    let keys = keys_of("rfc7520_4_8.jwk.json");
    let document = text("rfc7520_4_8.general.json");
    let parsed = jws_json::parse(&document).unwrap();
    assert_eq!(parsed.signatures.iter().map(|s| s.alg.label()).collect::<Vec<_>>(), ["RS256", "ES512", "HS256"]);
    let verdicts = parsed.verify(&keys, None);
    for (i, (verdict, signature)) in verdicts.iter().zip(&parsed.signatures).enumerate() {
        let verdict = verdict.as_ref().unwrap();
        assert_eq!(verdict.status, SignatureStatus::Valid, "signature {i}: {}", verdict.reason);
        // Each verified with a key of its own family (the RSA and EC keys share a kid).
        let key = &keys[verdict.key.unwrap()];
        assert!(key.algorithms().contains(&signature.alg.known().unwrap()), "signature {i}: {}", key.label());
    }
}

#[test]
fn a_changed_payload_fails_every_signature_and_broken_documents_say_why() {
    let keys = keys_of("rfc7515_a6.jwks.json");
    let document = text("rfc7515_a6.json").replacen("\"payload\":\"eyJ", "\"payload\":\"eyK", 1);
    for verdict in jws_json::parse(&document).unwrap().verify(&keys, None) {
        assert_eq!(verdict.unwrap().cause, SignatureCause::Mismatch);
    }
    // The rules of §7.2.1, and what is not a JWS JSON document at all.
    let overlap = r#"{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiJ9","header":{"alg":"HS256"},"signature":"AA"}"#;
    let parsed = jws_json::parse(overlap).unwrap();
    assert_eq!(parsed.verify(&keys, None), vec![Err(JwsJsonError::HeadersOverlap("alg".into()))]);
    // crit naming something not understood: refused; b64 is understood (RFC 7797).
    let crit =
        r#"{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl0sImV4cCI6MX0","signature":"AA"}"#;
    assert!(matches!(jws_json::parse(crit).unwrap().signatures[0].problem, Some(JwsJsonError::Crit(_))));
    assert_eq!(jws_json::parse("[1]").unwrap_err(), JwsJsonError::NotAnObject);
    assert_eq!(jws_json::parse(r#"{"payload":"e30"}"#).unwrap_err(), JwsJsonError::NoSignatures);
    assert_eq!(jws_json::parse(r#"{"ciphertext":"AA","protected":"e30"}"#).unwrap_err(), JwsJsonError::Jwe);
    assert!(matches!(
        jws_json::parse(r#"{"payload":"e30","signature":"%%","protected":"e30"}"#).unwrap_err(),
        JwsJsonError::NotBase64("signature", _)
    ));
}

#[test]
fn an_unencoded_payload_is_signed_as_it_is() {
    // RFC 7797 §4.2's example: b64 false, the payload "$.02" signed as it is.
    let key = keys::load(
        br#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#,
        "rfc7797",
    )
    .unwrap()
    .keys;
    let document = r#"{"payload":"$.02","protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","signature":"A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"}"#;
    let parsed = jws_json::parse(document).unwrap();
    assert!(parsed.signatures[0].unencoded);
    assert_eq!(parsed.payload(None).unwrap(), b"$.02");
    all_verify(document, &key, None, &[0]);
}
