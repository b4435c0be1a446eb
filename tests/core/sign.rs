//! Signing: every algorithm with every private-key format verifies; unedited tokens re-sign
//! byte for byte with deterministic algorithms; every preset makes the token shape it claims
//! and is never judged valid.

use chrono::DateTime;
use jwt_inspector::jose::alg::{Algorithm, Family};
use jwt_inspector::jose::base64url;
use jwt_inspector::jose::findings::FindingId;
use jwt_inspector::jose::keys::{self, Key, SecretEncoding};
use jwt_inspector::jose::presets::{self, Preset};
use jwt_inspector::jose::sign;
use jwt_inspector::jose::verify::{SignatureCause, SignatureStatus};
use jwt_inspector::{Inspection, Settings};

use crate::common::{family, key as load, read};

fn status(token: &str, keys: &[Key]) -> SignatureStatus {
    Inspection::new(token, keys, &Settings::default(), DateTime::UNIX_EPOCH).signature.status
}

#[test]
fn every_algorithm_signs_with_every_private_key_format_and_verifies() {
    let secret = keys::secret_from_text(
        "a secret that is long enough for HS512, yes it is: 64 bytes long!",
        SecretEncoding::Utf8,
        "s",
    )
    .unwrap();
    let ed_jwk = load("vectors/rfc/rfc8037_a1_ed25519.priv.jwk.json");
    let cases: Vec<(Vec<Algorithm>, Vec<Key>, Key)> = vec![
        (vec![Algorithm::HS256, Algorithm::HS384, Algorithm::HS512], vec![secret.clone()], secret.clone()),
        (
            family(Family::Rsa),
            vec![load("keys/rsa2048.pkcs1.pem"), load("keys/rsa2048.pkcs8.pem"), load("keys/rsa2048.pkcs8.der")],
            load("keys/rsa2048.pub.pem"),
        ),
        (
            vec![Algorithm::ES256],
            vec![load("keys/ecp256.sec1.pem"), load("keys/ecp256.pkcs8.pem")],
            load("keys/ecp256.pub.pem"),
        ),
        (
            vec![Algorithm::ES384],
            vec![load("keys/ecp384.sec1.pem"), load("keys/ecp384.pkcs8.pem")],
            load("keys/ecp384.pub.pem"),
        ),
        (
            vec![Algorithm::ES512],
            vec![load("keys/ecp521.sec1.pem"), load("keys/ecp521.pkcs8.pem")],
            load("keys/ecp521.pub.pem"),
        ),
        (
            vec![Algorithm::ES256K],
            vec![load("keys/secp256k1.sec1.pem"), load("keys/secp256k1.pkcs8.pem")],
            load("keys/secp256k1.pub.pem"),
        ),
        (
            vec![Algorithm::EdDSA, Algorithm::Ed25519],
            vec![load("keys/ed25519.pkcs8.pem")],
            load("keys/ed25519.pub.pem"),
        ),
        (vec![Algorithm::EdDSA, Algorithm::Ed25519], vec![ed_jwk], load("vectors/rfc/rfc8037_a1_ed25519.pub.pem")),
    ];
    for (algs, signers, verifier) in cases {
        for alg in algs {
            for signer in &signers {
                let header = format!(r#"{{"alg":"{alg}"}}"#);
                let token = sign::encode(&header, r#"{"sub":"round trip"}"#, alg, signer)
                    .unwrap_or_else(|e| panic!("{alg} {}: {e}", signer.format));
                assert_eq!(
                    status(&token, std::slice::from_ref(&verifier)),
                    SignatureStatus::Valid,
                    "{alg} signed with {}",
                    signer.format
                );
            }
        }
    }
}

#[test]
fn unedited_tokens_re_sign_byte_for_byte_with_deterministic_algorithms() {
    for (vector, key) in [
        ("rfc7515_a1_hs256", "vectors/rfc/rfc7515_a1_hs256.oct.jwk.json"),
        ("rfc7520_4_4_hs256", "vectors/rfc/rfc7520_4_4_hs256.oct.jwk.json"),
        ("rfc7797_4_1", "vectors/rfc/rfc7797.oct.jwk.json"),
        ("rfc8037_a4_eddsa", "vectors/rfc/rfc8037_a1_ed25519.priv.jwk.json"),
    ] {
        let token = String::from_utf8(read(&format!("vectors/rfc/{vector}.jwt"))).unwrap();
        let parsed = jwt_inspector::jose::token::parse(&token).unwrap();
        // The decoded text, exactly (RFC 7515 A.1's header has CRLF and a space in it).
        let header = parsed.header.as_ref().and_then(|c| c.text()).unwrap();
        let payload = parsed.payload.as_ref().and_then(|c| c.text()).unwrap();
        let alg = Algorithm::from_name(parsed.header_object().and_then(|h| h.get_str("alg")).unwrap()).unwrap();
        assert!(alg.is_deterministic());
        let again = sign::encode(header, payload, alg, &load(key)).unwrap();
        assert_eq!(again, token, "{vector}");
    }
    // A freshly generated RSA key, PKCS#1 v1.5: deterministic too.
    let rsa = load("keys/rsa2048.pkcs8.pem");
    let first = sign::encode(r#"{"alg":"RS256"}"#, "{\"a\": 1e20}", Algorithm::RS256, &rsa).unwrap();
    let second = sign::encode(r#"{"alg":"RS256"}"#, "{\"a\": 1e20}", Algorithm::RS256, &rsa).unwrap();
    assert_eq!(first, second);
    assert!(first.contains(&base64url::encode("{\"a\": 1e20}")), "the payload text is signed as typed");
}

#[test]
fn key_and_algorithm_mismatches_are_explained_not_just_refused() {
    let ec = load("keys/ecp384.pkcs8.pem");
    let error = sign::encode("{}", "{}", Algorithm::ES256, &ec).unwrap_err();
    assert_eq!(error.to_string(), "this is an EC P-384 key; you chose ES256, which needs P-256");
    let public = load("keys/rsa2048.pub.pem");
    let error = sign::encode("{}", "{}", Algorithm::RS256, &public).unwrap_err();
    assert_eq!(error.to_string(), "this is an RSA 2048-bit public key: signing needs the private key");
    let empty = keys::secret_from_text("", SecretEncoding::Utf8, "s").unwrap();
    assert!(
        sign::encode(r#"{"alg":"HS256"}"#, "{}", Algorithm::HS256, &empty).is_ok(),
        "the empty secret signs (attack demos)"
    );
}

#[test]
fn every_preset_makes_the_shape_it_claims_and_is_never_valid() {
    let header = r#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#;
    let payload = r#"{"sub":"victim","admin":true}"#;
    let private = load("keys/rsa2048.pkcs8.pem");
    let public = load("keys/rsa2048.pub.pem");
    let loaded = vec![public.clone()];
    for preset in Preset::all() {
        let applied = presets::apply(&preset, header, payload, Some(&private), &loaded)
            .unwrap_or_else(|e| panic!("{preset:?}: {e}"));
        let token = jwt_inspector::jose::token::parse(&applied.token).unwrap();
        let head = token.header_object().unwrap();
        let sig = token.signature().unwrap();
        assert_eq!(token.payload.as_ref().and_then(|p| p.text()), Some(payload), "{preset:?} keeps the payload");
        match &preset {
            Preset::AlgNone(v) => assert!(head.get_str("alg") == Some(v) && sig.is_empty()),
            Preset::StripSignature => assert!(sig.is_empty() && head.get_str("alg") == Some("RS256")),
            Preset::WrongLengthSignature => assert_eq!(sig.len(), 128),
            Preset::KeyConfusion { .. } => assert!(head.get_str("alg") == Some("HS256") && sig.len() == 32),
            Preset::PsychicSignature(alg) => {
                assert!(head.get_str("alg") == Some(alg.name()) && sig.iter().all(|b| *b == 0));
            }
            Preset::EmbeddedJwk => assert!(head.get("jwk").is_some() && applied.generated.is_some()),
            Preset::Jku(url) => assert_eq!(head.get_str("jku"), Some(url.as_str())),
            Preset::X5u(url) => assert_eq!(head.get_str("x5u"), Some(url.as_str())),
            Preset::KidInjection(kid, secret) => {
                assert!(head.get_str("kid") == Some(*kid) && head.get_str("alg") == Some("HS256"));
                // It is exactly what a server that loads the injected key would accept.
                let injected = keys::secret_from_text(secret, SecretEncoding::Utf8, "injected").unwrap();
                assert_eq!(status(&applied.token, &[injected]), SignatureStatus::Valid);
            }
        }
        // Against the server's real key, none of them is valid…
        assert_ne!(
            status(&applied.token, &loaded),
            SignatureStatus::Valid,
            "{preset:?} judged valid against the real key"
        );
        // …and the inspection names the attack: the finding for it, or (a signature cut short)
        // the verifier's reason. Not merely "some finding": `no-exp` fires for every one.
        let inspection = Inspection::new(&applied.token, &loaded, &Settings::default(), DateTime::UNIX_EPOCH);
        let ids: Vec<FindingId> = inspection.findings.iter().map(|f| f.id).collect();
        let expected = match &preset {
            Preset::AlgNone(_) => Some(FindingId::AlgNone),
            Preset::StripSignature => Some(FindingId::EmptySignature),
            Preset::WrongLengthSignature => None,
            Preset::KeyConfusion { .. } => Some(FindingId::KeyConfusion),
            Preset::PsychicSignature(_) => Some(FindingId::PsychicSignature),
            Preset::EmbeddedJwk => Some(FindingId::EmbeddedJwk),
            Preset::Jku(_) => Some(FindingId::JkuHeader),
            Preset::X5u(_) => Some(FindingId::X5uHeader),
            Preset::KidInjection(..) => Some(FindingId::KidInjection),
        };
        if let Some(id) = expected {
            assert!(ids.contains(&id), "{preset:?} raised {ids:?}, not {id}");
        } else {
            // RS256 has no fixed length: the verifier says the length does not fit the key.
            assert_eq!(inspection.signature.cause, SignatureCause::Mismatch, "{preset:?}");
            assert!(inspection.signature.attempts.iter().any(|a| a.outcome.contains("it is 128 bytes")));
        }
        assert!(!preset.explanation().is_empty() && !preset.label().is_empty());
    }
}

/// The verifier parses each key once and calls aws-lc-rs itself; it must answer exactly as
/// `jsonwebtoken::crypto::verify` does on the same token and key, good or tampered,
/// (RSA keys of 1024–2047 bits are the one deliberate difference: jsonwebtoken refuses
/// them, the verifier checks them with aws-lc-rs's legacy parameters; `tests/core/verdict.rs`.)
#[test]
fn prepared_keys_answer_as_jsonwebtoken_does() {
    use jsonwebtoken::DecodingKey;
    use jwt_inspector::jose::keys::KeyMaterial;
    let secret = keys::secret_from_text("a secret of thirty-two bytes ok!", SecretEncoding::Utf8, "s").unwrap();
    let cases: Vec<(Vec<Algorithm>, Key, Key)> = vec![
        (vec![Algorithm::HS256, Algorithm::HS384, Algorithm::HS512], secret.clone(), secret),
        (
            vec![Algorithm::RS256, Algorithm::RS512, Algorithm::PS256, Algorithm::PS384],
            load("keys/rsa2048.pkcs8.pem"),
            load("keys/rsa2048.pub.pem"),
        ),
        (vec![Algorithm::ES256], load("keys/ecp256.pkcs8.pem"), load("keys/ecp256.pub.pem")),
        (vec![Algorithm::ES384], load("keys/ecp384.pkcs8.pem"), load("keys/ecp384.pub.pem")),
        (vec![Algorithm::EdDSA, Algorithm::Ed25519], load("keys/ed25519.pkcs8.pem"), load("keys/ed25519.pub.pem")),
    ];
    let mut tokens: Vec<(Algorithm, String, Key)> = Vec::new();
    for (algs, signer, public) in cases {
        for alg in algs {
            let token =
                sign::encode(&format!(r#"{{"alg":"{alg}"}}"#), r#"{"sub":"same answer"}"#, alg, &signer).unwrap();
            tokens.push((alg, token, public.clone()));
        }
    }
    for (alg, token, public) in tokens {
        let (input, signature) = token.rsplit_once('.').unwrap();
        let mut tampered = base64url::decode(signature).unwrap().bytes;
        tampered[3] ^= 0x40;
        let decoding = match &public.material {
            KeyMaterial::Secret(s) => DecodingKey::from_secret(s),
            KeyMaterial::Rsa { n, e, .. } => DecodingKey::from_rsa_raw_components(n, e),
            KeyMaterial::Ec { point, .. } => DecodingKey::from_ec_der(point),
            KeyMaterial::Ed25519 { public, .. } => DecodingKey::from_ed_der(public),
            KeyMaterial::Akp { .. } => unreachable!("jsonwebtoken has no ML-DSA"),
        };
        let jwt_alg = alg.to_jsonwebtoken().unwrap();
        for (signature, good) in [(signature.to_owned(), true), (base64url::encode(&tampered), false)] {
            let theirs =
                jsonwebtoken::crypto::verify(&signature, input.as_bytes(), &decoding, jwt_alg).unwrap_or(false);
            let ours = status(&format!("{input}.{signature}"), std::slice::from_ref(&public)) == SignatureStatus::Valid;
            assert_eq!(ours, theirs, "{alg}: ours {ours}, jsonwebtoken {theirs}");
            // Agreeing is not enough: two verifiers that both reject the good signature agree too.
            let which = if good { "good" } else { "tampered" };
            assert_eq!(theirs, good, "{alg}: jsonwebtoken says {theirs} for the {which} signature");
        }
    }
}
