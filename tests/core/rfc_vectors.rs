//! The published example tokens of RFC 7515, 7520, 8037 and 7797, verified with their
//! published keys in every form we have them (JWK, SPKI PEM, PKCS#1 PEM, DER, base64 secret).

use chrono::DateTime;
use jwt_inspector::jose::keys::{self, Key, SecretEncoding};
use jwt_inspector::jose::timeline::TimeStatus;
use jwt_inspector::jose::verify::SignatureStatus;
use jwt_inspector::{Inspection, Settings};

use crate::common;

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("vectors/rfc/{name}"))
}

fn token(name: &str) -> String {
    String::from_utf8(read(&format!("{name}.jwt"))).expect("utf8")
}

fn key_file(name: &str) -> Vec<Key> {
    common::keys_in(&format!("vectors/rfc/{name}"))
}

fn secret_b64(name: &str) -> Vec<Key> {
    let text = String::from_utf8(read(name)).expect("utf8");
    vec![keys::secret_from_text(&text, SecretEncoding::Base64, name).expect("secret")]
}

// Before any of the example tokens expires, so time does not interfere.
fn inspect(token: &str, keys: &[Key]) -> Inspection {
    Inspection::new(token, keys, &Settings::default(), common::at(1_000_000_000))
}

fn assert_verifies(vector: &str, key_files: &[&str]) {
    let token = token(vector);
    for file in key_files {
        let keys = if file.ends_with(".secret.b64") { secret_b64(file) } else { key_file(file) };
        let inspection = inspect(&token, &keys);
        assert!(inspection.errors.is_empty(), "{vector} with {file}: {:?}", inspection.errors);
        assert_eq!(
            inspection.signature.status,
            SignatureStatus::Valid,
            "{vector} with {file}: {}",
            inspection.signature.reason
        );
        assert_eq!(inspection.signature.key, Some(0));
        // The same token with one flipped signature character must fail.
        let mut tampered = token.clone().into_bytes();
        let last = tampered.len() - 2;
        if let Some(byte) = tampered.get_mut(last) {
            *byte = if *byte == b'A' { b'B' } else { b'A' };
        }
        let tampered = String::from_utf8(tampered).expect("ascii");
        assert_eq!(inspect(&tampered, &keys).signature.status, SignatureStatus::Invalid, "{vector} tampered, {file}");
    }
}

#[test]
fn rfc7515_a1_hs256_verifies_with_jwk_and_secret() {
    assert_verifies("rfc7515_a1_hs256", &["rfc7515_a1_hs256.oct.jwk.json", "rfc7515_a1_hs256.secret.b64"]);
}

#[test]
fn rfc7515_a1_hs256_is_expired_at_the_present_day() {
    let token = token("rfc7515_a1_hs256");
    let now = DateTime::from_timestamp(1_763_000_000, 0).expect("time");
    let inspection = Inspection::new(&token, &key_file("rfc7515_a1_hs256.oct.jwk.json"), &Settings::default(), now);
    assert_eq!(inspection.timeline.status, TimeStatus::Expired);
    assert!(inspection.timeline.phrase.starts_with("expired 14 y"), "{}", inspection.timeline.phrase);
}

#[test]
fn rfc7515_a2_rs256_verifies_with_jwk_spki_pkcs1_and_der() {
    assert_verifies(
        "rfc7515_a2_rs256",
        &[
            "rfc7515_a2_rs256.pub.jwk.json",
            "rfc7515_a2_rs256.pub.pem",
            "rfc7515_a2_rs256.pub.pkcs1.pem",
            "rfc7515_a2_rs256.pub.der",
        ],
    );
}

#[test]
fn rfc7515_a3_es256_verifies_with_jwk_pem_and_der() {
    assert_verifies(
        "rfc7515_a3_es256",
        &["rfc7515_a3_es256.pub.jwk.json", "rfc7515_a3_es256.pub.pem", "rfc7515_a3_es256.pub.der"],
    );
}

#[test]
fn rfc7515_a4_es512_verifies_with_jwk_and_pem() {
    assert_verifies("rfc7515_a4_es512", &["rfc7515_a4_es512.pub.jwk.json", "rfc7515_a4_es512.pub.pem"]);
}

#[test]
fn rfc7515_a5_unsecured_token_is_not_signed_whatever_key_is_loaded() {
    let token = token("rfc7515_a5_none");
    for keys in [vec![], key_file("rfc7515_a1_hs256.oct.jwk.json"), secret_b64("rfc7515_a1_hs256.secret.b64")] {
        let inspection = inspect(&token, &keys);
        assert_eq!(inspection.signature.status, SignatureStatus::NotSigned);
        assert!(!inspection.passed());
        assert!(inspection.findings.iter().any(|f| f.id.name() == "alg-none"));
    }
}

#[test]
fn rfc7520_4_1_rs256_with_text_payload_verifies() {
    assert_verifies("rfc7520_4_1_rs256", &["rfc7520_bilbo_rsa.pub.jwk.json", "rfc7520_bilbo_rsa.pub.pem"]);
    let inspection = inspect(&token("rfc7520_4_1_rs256"), &key_file("rfc7520_bilbo_rsa.pub.pem"));
    let payload = inspection.token.as_ref().and_then(|t| t.payload.as_ref()).and_then(|p| p.text()).expect("text");
    assert!(payload.starts_with("It\u{2019}s a dangerous business, Frodo"), "{payload}");
    assert_eq!(inspection.kid.as_deref(), Some("bilbo.baggins@hobbiton.example"));
}

#[test]
fn rfc7520_4_2_ps384_verifies() {
    assert_verifies("rfc7520_4_2_ps384", &["rfc7520_bilbo_rsa.pub.jwk.json", "rfc7520_bilbo_rsa.pub.pem"]);
}

#[test]
fn rfc7520_4_3_es512_verifies() {
    assert_verifies("rfc7520_4_3_es512", &["rfc7520_bilbo_ec.pub.jwk.json", "rfc7520_bilbo_ec.pub.pem"]);
}

#[test]
fn rfc7520_4_4_hs256_verifies_and_is_selected_by_kid() {
    assert_verifies("rfc7520_4_4_hs256", &["rfc7520_4_4_hs256.oct.jwk.json", "rfc7520_4_4_hs256.secret.b64"]);
    // With several keys loaded, the one whose kid matches is the one that verified.
    let mut keys = key_file("rfc7515_a1_hs256.oct.jwk.json");
    keys.extend(key_file("rfc7520_4_4_hs256.oct.jwk.json"));
    let inspection = inspect(&token("rfc7520_4_4_hs256"), &keys);
    assert_eq!(inspection.signature.status, SignatureStatus::Valid);
    assert_eq!(inspection.signature.key, Some(1));
    assert_eq!(inspection.signature.attempts.len(), 1, "only the kid match is tried");
}

#[test]
fn rfc8037_a4_eddsa_verifies_with_jwk_and_pem() {
    assert_verifies(
        "rfc8037_a4_eddsa",
        &[
            "rfc8037_a4_eddsa.pub.jwk.json",
            "rfc8037_a4_eddsa.pub.pem",
            "rfc8037_a1_ed25519.pub.pem",
            "rfc8037_a1_ed25519.priv.pem",
            "rfc8037_a1_ed25519.priv.jwk.json",
        ],
    );
}

#[test]
fn rfc7797_4_1_verifies_with_jwk_and_secret() {
    assert_verifies("rfc7797_4_1", &["rfc7797.oct.jwk.json", "rfc7797.secret.b64"]);
}

#[test]
fn rfc7797_4_2_detached_payload_is_unverifiable_and_says_why() {
    let inspection = inspect(&token("rfc7797_4_2_detached"), &key_file("rfc7797.oct.jwk.json"));
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
    assert!(inspection.signature.reason.contains("detached"), "{}", inspection.signature.reason);
    assert!(inspection.findings.iter().any(|f| f.id.name() == "b64-false"));
}

#[test]
fn a_jwks_holding_every_published_key_verifies_each_vector_by_kid_or_by_trial() {
    let mut jwks = Vec::new();
    for file in [
        "rfc7515_a2_rs256.pub.jwk.json",
        "rfc7515_a3_es256.pub.jwk.json",
        "rfc7515_a4_es512.pub.jwk.json",
        "rfc7520_bilbo_rsa.pub.jwk.json",
        "rfc7520_bilbo_ec.pub.jwk.json",
        "rfc8037_a4_eddsa.pub.jwk.json",
    ] {
        jwks.push(serde_json::from_slice::<serde_json::Value>(&read(file)).expect("json"));
    }
    let text = serde_json::json!({ "keys": jwks }).to_string();
    let keys = keys::load(text.as_bytes(), "all.jwks").expect("jwks").keys;
    assert_eq!(keys.len(), 6);
    for vector in [
        "rfc7515_a2_rs256",
        "rfc7515_a3_es256",
        "rfc7515_a4_es512",
        "rfc7520_4_1_rs256",
        "rfc7520_4_2_ps384",
        "rfc7520_4_3_es512",
        "rfc8037_a4_eddsa",
    ] {
        let inspection = inspect(&token(vector), &keys);
        assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{vector}: {}", inspection.signature.reason);
    }
}
