//! The algorithms that arrived after RFC 7518: ES256K (RFC 8812, secp256k1), the fully
//! specified `Ed25519` and `Ed448` names (RFC 9864), and ML-DSA (RFC 9964, `AKP` keys). Each
//! key fits only its own algorithm, so a token is never valid with a key of another curve or
//! parameter set.

use chrono::DateTime;
use jwt_inspector::jose::alg::{AlgHeader, Algorithm, Unimplemented};
use jwt_inspector::jose::base64url;
use jwt_inspector::jose::keygen::{self, KeyKind};
use jwt_inspector::jose::keys::{self, Key};
use jwt_inspector::jose::sign;
use jwt_inspector::jose::verify::{SignatureCause, SignatureStatus, SignatureVerdict};
use jwt_inspector::{Inspection, Settings};

use crate::common::{key as load, read};

fn verdict(token: &str, keys: &[Key]) -> SignatureVerdict {
    Inspection::new(token, keys, &Settings::default(), DateTime::UNIX_EPOCH).signature
}

/// A token whose header is `header` and whose signature `signer` makes with `alg`, whatever
/// the header says (to forge a mismatch between the two).
fn signed(header: &str, alg: Algorithm, signer: &Key) -> String {
    let input = format!("{}.{}", base64url::encode(header), base64url::encode(r#"{"sub":"x"}"#));
    let signature = sign::sign(alg, signer, input.as_bytes()).unwrap_or_else(|e| panic!("{alg}: {e}"));
    format!("{input}.{}", base64url::encode(signature))
}

fn text(path: &str) -> String {
    String::from_utf8(read(path)).unwrap()
}

// ---- ES256K ----

#[test]
fn secp256k1_keys_load_from_spki_pkcs8_sec1_and_jwk_as_one_key_that_fits_only_es256k() {
    let public = load("keys/secp256k1.pub.pem");
    let jwk = keys::from_jwk(&public.public_jwk(), "jwk").unwrap();
    assert_eq!(public.public_jwk()["crv"], "secp256k1");
    for key in [load("keys/secp256k1.sec1.pem"), load("keys/secp256k1.pkcs8.pem"), jwk] {
        assert_eq!(key.thumbprint(), public.thumbprint(), "{}", key.format);
        assert_eq!(key.short_name(), "EC secp256k1");
        assert_eq!(key.algorithms(), vec![Algorithm::ES256K], "{}", key.format);
    }
    assert_eq!(load("keys/ecp256.pub.pem").algorithms(), vec![Algorithm::ES256]);
}

#[test]
fn es256k_token_from_an_independent_signer_verifies_and_tampering_is_caught() {
    let token = text("keys/secp256k1.es256k.jwt");
    let verdict = verdict(&token, &[load("keys/secp256k1.pub.pem")]);
    assert_eq!(verdict.status, SignatureStatus::Valid, "{}", verdict.reason);
    let tampered = token.replacen(".eyJ", ".eyK", 1);
    assert_eq!(self::verdict(&tampered, &[load("keys/secp256k1.pub.pem")]).status, SignatureStatus::Invalid);
}

#[test]
fn es256k_signs_with_sec1_pkcs8_and_private_jwk_and_verifies_with_the_public_key() {
    let public = load("keys/secp256k1.pub.pem");
    let sec1 = load("keys/secp256k1.sec1.pem");
    let generated = keygen::generate(KeyKind::Ec(jwt_inspector::jose::alg::Curve::Secp256k1)).unwrap();
    let private_jwk = keys::from_jwk(&generated.private_jwk, "jwk").unwrap();
    for (signer, verifier) in [
        (&sec1, &public),
        (&load("keys/secp256k1.pkcs8.pem"), &public),
        (&private_jwk, &keys::from_jwk(&generated.public_jwk, "jwk").unwrap()),
    ] {
        let token = sign::encode(r#"{"alg":"ES256K"}"#, "{}", Algorithm::ES256K, signer).unwrap();
        let verdict = verdict(&token, std::slice::from_ref(verifier));
        assert_eq!(verdict.status, SignatureStatus::Valid, "{}: {}", signer.format, verdict.reason);
    }
}

#[test]
fn es256_and_es256k_never_verify_with_each_others_keys() {
    let (k1, p256) = (load("keys/secp256k1.sec1.pem"), load("keys/ecp256.sec1.pem"));
    // A secp256k1 signature under a header that says ES256, and the other way round.
    for (header, made_with, signer, other) in
        [(r#"{"alg":"ES256"}"#, Algorithm::ES256K, &k1, &p256), (r#"{"alg":"ES256K"}"#, Algorithm::ES256, &p256, &k1)]
    {
        let token = signed(header, made_with, signer);
        let alone = verdict(&token, std::slice::from_ref(signer));
        assert_eq!(alone.status, SignatureStatus::Unverifiable, "{header}: {}", alone.reason);
        assert_eq!(alone.cause, SignatureCause::NoFittingKey);
        assert!(alone.reason.contains("does not fit"), "{}", alone.reason);
        let both = verdict(&token, &[signer.clone(), other.clone()]);
        assert_ne!(both.status, SignatureStatus::Valid, "{header}");
    }
    let misfit = k1.fit(Algorithm::ES256).unwrap_err().to_string();
    assert_eq!(misfit, "this is an EC secp256k1 key; the token says ES256, which needs P-256");
    let misfit = p256.fit(Algorithm::ES256K).unwrap_err().to_string();
    assert_eq!(misfit, "this is an EC P-256 key; the token says ES256K, which needs secp256k1");
}

#[test]
fn a_psychic_es256k_signature_is_caught_like_an_es256_one() {
    let input = format!("{}.{}", base64url::encode(r#"{"alg":"ES256K"}"#), base64url::encode("{}"));
    let token = format!("{input}.{}", base64url::encode([0u8; 64]));
    let verdict = verdict(&token, &[load("keys/secp256k1.pub.pem")]);
    assert_eq!(verdict.cause, SignatureCause::PsychicSignature);
}

// ---- Ed25519 and Ed448 (RFC 9864) ----

#[test]
fn ed25519_and_eddsa_both_verify_with_an_ed25519_key() {
    let signer = load("vectors/rfc/rfc8037_a1_ed25519.priv.jwk.json");
    let public = load("vectors/rfc/rfc8037_a1_ed25519.pub.pem");
    for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
        let token = sign::encode(&format!(r#"{{"alg":"{alg}"}}"#), "Example of Ed25519 signing", alg, &signer).unwrap();
        let verdict = verdict(&token, std::slice::from_ref(&public));
        assert_eq!(verdict.status, SignatureStatus::Valid, "{alg}: {}", verdict.reason);
    }
    assert_eq!(public.algorithms(), vec![Algorithm::EdDSA, Algorithm::Ed25519]);
    // The two names sign the same bytes: the RFC 8037 A.4 signature under the new name.
    let eddsa = sign::sign(Algorithm::EdDSA, &signer, b"a.b").unwrap();
    assert_eq!(sign::sign(Algorithm::Ed25519, &signer, b"a.b").unwrap(), eddsa);
}

#[test]
fn ed448_is_named_and_reported_as_unsupported_never_valid_with_an_ed25519_key() {
    let header = r#"{"alg":"Ed448"}"#;
    let node = jwt_inspector::jose::json::parse(r#""Ed448""#).unwrap();
    assert_eq!(AlgHeader::from_header(Some(&node)), AlgHeader::Unimplemented(Unimplemented::Ed448));
    let signer = load("vectors/rfc/rfc8037_a1_ed25519.priv.jwk.json");
    // An Ed25519 signature under a header that says Ed448.
    let token = signed(header, Algorithm::Ed25519, &signer);
    let verdict = verdict(&token, &[load("vectors/rfc/rfc8037_a1_ed25519.pub.pem")]);
    assert_eq!(verdict.status, SignatureStatus::Unverifiable);
    assert_eq!(verdict.cause, SignatureCause::UnsupportedAlg);
    assert!(verdict.reason.contains("Ed448 (RFC 9864) is not supported"), "{}", verdict.reason);
    let inspection = Inspection::new(&token, &[], &Settings::default(), DateTime::UNIX_EPOCH);
    let finding = inspection.findings.iter().find(|f| f.id == jwt_inspector::jose::findings::FindingId::UnsupportedAlg);
    assert!(finding.is_some_and(|f| f.message.contains("Ed448")), "{:?}", inspection.findings);
}

// ---- ML-DSA (RFC 9964) ----

fn rfc9964_public_jwk() -> serde_json::Value {
    let hex = text("vectors/rfc-next/rfc9964_a1_mldsa44.pub.hex");
    let public = keys::SecretEncoding::Hex.decode(hex.trim()).unwrap();
    serde_json::json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": base64url::encode(public)})
}

#[test]
fn rfc9964_ml_dsa_44_vector_verifies_and_its_kid_is_the_thumbprint() {
    let key = keys::from_jwk(&rfc9964_public_jwk(), "rfc9964").unwrap();
    assert_eq!(key.thumbprint(), "T4xl70S7MT6Zeq6r9V9fPJGVn76wfnXJ21-gyo0Gu6o");
    assert_eq!(key.algorithms(), vec![Algorithm::MlDsa44]);
    let token = text("vectors/rfc-next/rfc9964_a1_mldsa44.jwt");
    let verdict = verdict(token.trim(), std::slice::from_ref(&key));
    assert_eq!(verdict.status, SignatureStatus::Valid, "{}", verdict.reason);
    let tampered = token.trim().replacen(".SXTigJlz", ".SXTigJly", 1);
    assert_eq!(self::verdict(&tampered, &[key]).status, SignatureStatus::Invalid);
}

#[test]
fn an_ml_dsa_token_never_verifies_with_a_key_of_another_parameter_set() {
    let token = text("vectors/rfc-next/rfc9964_a1_mldsa44.jwt");
    let other = keygen::generate(KeyKind::MlDsa(Algorithm::MlDsa65)).unwrap().key;
    let verdict = verdict(token.trim(), std::slice::from_ref(&other));
    assert_eq!(verdict.cause, SignatureCause::NoFittingKey, "{}", verdict.reason);
    assert_eq!(
        other.fit(Algorithm::MlDsa44).unwrap_err().to_string(),
        "this is an ML-DSA-65 key; the token says ML-DSA-44, which needs an ML-DSA-44 key"
    );
    let ed = load("keys/ed25519.pub.pem");
    assert!(ed.fit(Algorithm::MlDsa44).is_err() && other.fit(Algorithm::EdDSA).is_err());
}

#[test]
fn every_ml_dsa_parameter_set_generates_signs_and_verifies_through_pem_and_jwk() {
    for alg in [Algorithm::MlDsa44, Algorithm::MlDsa65, Algorithm::MlDsa87] {
        let generated = keygen::generate(KeyKind::MlDsa(alg)).unwrap();
        assert_eq!(generated.public_jwk["kty"], "AKP");
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let signers = [
            generated.key.clone(),
            keys::from_jwk(&generated.private_jwk, "jwk").unwrap(),
            keys::load(generated.private_pem.as_deref().unwrap().as_bytes(), "pem").unwrap().keys.remove(0),
        ];
        let public = keys::load(generated.public_pem.as_deref().unwrap().as_bytes(), "pem").unwrap().keys.remove(0);
        assert_eq!(public.thumbprint(), generated.key.kid.clone().unwrap());
        for signer in &signers {
            assert_eq!(signer.thumbprint(), public.thumbprint(), "{alg} {}", signer.format);
            let token = sign::encode(&header, "{}", alg, signer).unwrap();
            let verdict = verdict(&token, std::slice::from_ref(&public));
            assert_eq!(verdict.status, SignatureStatus::Valid, "{alg} {}: {}", signer.format, verdict.reason);
        }
    }
}

#[test]
fn an_akp_jwk_whose_priv_does_not_match_pub_is_refused() {
    let mut jwk = rfc9964_public_jwk();
    jwk["priv"] = serde_json::Value::String(base64url::encode([7u8; 32]));
    let error = keys::from_jwk(&jwk, "jwk").unwrap_err();
    assert_eq!(error.to_string(), "the JWK \"priv\" does not match \"pub\"");
    let error = keys::from_jwk(&serde_json::json!({"kty": "AKP", "pub": "AAAA"}), "jwk").unwrap_err();
    assert!(error.to_string().contains("\"alg\""), "{error}");
}
