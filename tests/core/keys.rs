//! Key loading in every format, key description, key selection and the verdict's causes,
//! exercised with freshly signed tokens (tests/keys holds public test keys only).

use std::fmt::Write as _;

use chrono::DateTime;
use jwt_inspector::jose::alg::{Algorithm, Family};
use jwt_inspector::jose::keys::{self, Key, KeyError, SecretEncoding};
use jwt_inspector::jose::sign;
use jwt_inspector::jose::verify::SignatureStatus;
use jwt_inspector::{Inspection, Settings};

use crate::common::{self, family, secret};

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("keys/{name}"))
}

fn load(name: &str) -> Key {
    common::key(&format!("keys/{name}"))
}

const HEADER: &str = r#"{"alg":"ALG","typ":"JWT"}"#;
const PAYLOAD: &str = r#"{"sub":"1234567890","iat":1700000000,"exp":1700003600}"#;

fn now() -> DateTime<chrono::Utc> {
    common::at(1_700_000_100)
}

fn mint(alg: Algorithm, key: &Key) -> String {
    sign::encode(&HEADER.replace("ALG", alg.name()), PAYLOAD, alg, key).unwrap_or_else(|e| panic!("{alg}: {e}"))
}

fn inspect(token: &str, keys: &[Key]) -> Inspection {
    Inspection::new(token, keys, &Settings::default(), now())
}

#[test]
fn every_private_key_format_signs_and_its_public_forms_verify() {
    let cases: &[(&str, &[Algorithm], &[&str])] = &[
        (
            "rsa2048.pkcs8.pem",
            &family(Family::Rsa),
            &["rsa2048.pub.pem", "rsa2048.cert.pem", "rsa2048.cert.der", "rsa2048.pkcs1.pem", "rsa2048.pkcs8.der"],
        ),
        ("rsa2048.pkcs1.pem", &[Algorithm::RS256], &["rsa2048.pub.pem"]),
        ("rsa2048.pkcs8.der", &[Algorithm::PS256], &["rsa2048.cert.pem"]),
        (
            "ecp256.sec1.pem",
            &[Algorithm::ES256],
            &["ecp256.pub.pem", "ecp256.cert.pem", "ecp256.pkcs8.pem", "ecp256.pub.crlf.pem"],
        ),
        ("ecp256.pkcs8.pem", &[Algorithm::ES256], &["ecp256.pub.pem"]),
        ("ecp256.sec1.nopub.pem", &[Algorithm::ES256], &["ecp256.pub.pem"]),
        ("ecp384.sec1.pem", &[Algorithm::ES384], &["ecp384.pub.pem", "ecp384.pkcs8.pem"]),
        ("ecp521.pkcs8.pem", &[Algorithm::ES512], &["ecp521.pub.pem", "ecp521.sec1.pem"]),
        ("ecp521.sec1.pem", &[Algorithm::ES512], &["ecp521.pub.pem"]),
        ("ed25519.pkcs8.pem", &[Algorithm::EdDSA, Algorithm::Ed25519], &["ed25519.pub.pem", "ed25519.cert.pem"]),
    ];
    for (private, algs, publics) in cases {
        let signer = load(private);
        for alg in *algs {
            let token = mint(*alg, &signer);
            for public in *publics {
                let inspection = inspect(&token, &[load(public)]);
                assert_eq!(
                    inspection.signature.status,
                    SignatureStatus::Valid,
                    "{private} {alg} {public}: {}",
                    inspection.signature.reason
                );
            }
            // The private key verifies its own tokens too (its public part is derived).
            assert_eq!(
                inspect(&token, std::slice::from_ref(&signer)).signature.status,
                SignatureStatus::Valid,
                "{private} {alg}"
            );
        }
    }
}

#[test]
fn keys_are_described_with_type_size_algorithms_and_thumbprint() {
    let rsa = load("rsa2048.pub.pem");
    assert_eq!(rsa.short_name(), "RSA 2048");
    assert_eq!(rsa.format, "PEM SPKI public key");
    assert_eq!(rsa.algorithms().len(), 6);
    assert_eq!(rsa.thumbprint().len(), 43);
    // The thumbprint is the key's, whatever format it came in.
    assert_eq!(load("rsa2048.cert.der").thumbprint(), rsa.thumbprint());
    assert_eq!(load("rsa2048.pkcs1.pem").thumbprint(), rsa.thumbprint());
    let cert = load("rsa2048.cert.pem");
    assert!(
        cert.certificate.as_ref().is_some_and(|c| c.subject.contains("JWT Inspector test RSA")),
        "{:?}",
        cert.certificate
    );
    assert_eq!(load("ecp384.pub.pem").algorithms(), [Algorithm::ES384]);
    assert_eq!(load("ed25519.pub.pem").algorithms(), [Algorithm::EdDSA, Algorithm::Ed25519]);
    assert_eq!(load("ecp521.sec1.pem").short_name(), "EC P-521");
    assert!(load("ecp256.pub.crlf.pem").notes.iter().any(|n| n.contains("CRLF")));
}

#[test]
fn pem_body_without_armour_is_read_as_base64_der_with_a_note() {
    let pem = String::from_utf8(read("ecp256.pub.pem")).expect("utf8");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n");
    let key = keys::load(body.as_bytes(), "pasted").expect("loads").keys.remove(0);
    assert_eq!(key.short_name(), "EC P-256");
    assert!(key.notes.iter().any(|n| n.contains("without its -----BEGIN/END----- lines")));
}

#[test]
fn encrypted_and_unknown_keys_are_refused_with_what_to_do() {
    let error = keys::load(&read("rsa1024.encrypted.pem"), "k").expect_err("encrypted");
    assert!(matches!(error, KeyError::Encrypted(_)));
    assert!(error.to_string().contains("decrypt it first"), "{error}");
    let error = keys::load(b"-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n", "k")
        .expect_err("csr");
    assert!(error.to_string().contains("CERTIFICATE REQUEST"), "{error}");
    let error = keys::load(br#"{"kty":"EC","crv":"brainpoolP256r1","x":"AA","y":"AA"}"#, "k").expect_err("curve");
    assert!(error.to_string().starts_with("the curve \"brainpoolP256r1\" is not supported yet"), "{error}");
    let error = keys::load(br#"{"kty":"RSA","n":"AQAB"}"#, "k").expect_err("no e");
    assert_eq!(error.to_string(), "the JWK has no \"e\" member");
    let error = keys::load(b"{not json", "k").expect_err("json");
    assert!(error.to_string().starts_with("the JSON is not a JWK or JWKS"), "{error}");
}

#[test]
fn jwks_with_one_bad_key_loads_the_rest_and_warns() {
    let jwks =
        br#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"a"},{"kty":"XYZ"},{"kty":"oct","k":"b3RoZXI","kid":"b"}]}"#;
    let loaded = keys::load(jwks, "set.json").expect("loads");
    assert_eq!(loaded.keys.len(), 2);
    assert_eq!(loaded.warnings, ["set.json (key 2): the JWK kty \"XYZ\" is not RSA, EC, OKP, AKP or oct"]);
}

#[test]
fn key_of_the_wrong_curve_is_named_in_the_verdict() {
    let token = mint(Algorithm::ES256, &load("ecp256.pkcs8.pem"));
    let inspection = inspect(&token, &[load("ecp384.pub.pem")]);
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
    assert_eq!(
        inspection.signature.reason,
        "the key does not fit the token: this is an EC P-384 key; the token says ES256, which needs P-256"
    );
}

#[test]
fn hs256_with_wrong_secret_is_invalid_and_right_secret_valid() {
    let token = mint(Algorithm::HS256, &secret("correct horse battery staple, long enough!"));
    assert_eq!(
        inspect(&token, &[secret("correct horse battery staple, long enough!")]).signature.status,
        SignatureStatus::Valid
    );
    let wrong = inspect(&token, &[secret("wrong")]);
    assert_eq!(wrong.signature.status, SignatureStatus::Invalid);
    assert_eq!(wrong.signature.reason, "signature does not match the key");
}

#[test]
fn hmac_token_checked_with_public_key_is_never_valid() {
    let token = mint(Algorithm::HS256, &secret("s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t"));
    let inspection = inspect(&token, &[load("rsa2048.pub.pem")]);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert!(inspection.signature.reason.contains("algorithm-confusion"), "{}", inspection.signature.reason);
    assert!(inspection.findings.iter().any(|f| f.id.name() == "key-confusion"));
}

#[test]
fn hmac_token_forged_with_the_public_key_pem_is_detected_as_key_confusion() {
    let pem = String::from_utf8(read("rsa2048.pub.pem")).expect("utf8");
    for variant in [pem.clone(), pem.trim_end().to_owned()] {
        let token = mint(Algorithm::HS256, &secret(&variant));
        let inspection = inspect(&token, &[load("rsa2048.pub.pem")]);
        assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
        assert!(
            inspection.signature.reason.starts_with("forged by algorithm confusion"),
            "{}",
            inspection.signature.reason
        );
        let finding = inspection.findings.iter().find(|f| f.id.name() == "key-confusion").expect("finding");
        assert_eq!(finding.severity, jwt_inspector::jose::lint::Severity::High);
    }
}

#[test]
fn secret_in_the_wrong_encoding_gets_a_repair_hint() {
    let bytes = b"\x01\x02\x03 binary secret bytes that are not text \xff";
    let key = keys::secret_from_text(&hex(bytes), SecretEncoding::Hex, "t").expect("hex");
    let token = mint(Algorithm::HS256, &key);
    let as_text = keys::secret_from_text(&hex(bytes), SecretEncoding::Utf8, "t").expect("text");
    let inspection = inspect(&token, &[as_text]);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert!(
        inspection
            .signature
            .hints
            .iter()
            .any(|h| h == "the secret verifies if read as hex instead of text: switch the encoding"),
        "{:?}",
        inspection.signature.hints
    );
}

#[test]
fn pem_pasted_into_the_secret_field_gets_a_hint() {
    let token = mint(Algorithm::RS256, &load("rsa2048.pkcs8.pem"));
    let pem = String::from_utf8(read("rsa2048.pub.pem")).expect("utf8");
    let inspection = inspect(&token, &[secret(&pem)]);
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
    assert!(
        inspection.signature.hints.iter().any(|h| h.contains("load it as a key instead")),
        "{:?}",
        inspection.signature.hints
    );
}

#[test]
fn der_encoded_ecdsa_signature_is_rejected_with_its_own_explanation() {
    let key = load("ecp256.pkcs8.pem");
    let signing_input = format!("{}.{}", b64(HEADER.replace("ALG", "ES256")), b64(PAYLOAD));
    // The same message signed in ASN.1 DER form, as OpenSSL and Java produce it.
    let der = openssl_like_der_signature(&read("ecp256.pkcs8.pem"), signing_input.as_bytes());
    let token = format!("{signing_input}.{}", b64(&der));
    let inspection = inspect(&token, &[key]);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert!(inspection.signature.reason.contains("DER-encoded ECDSA"), "{}", inspection.signature.reason);
    assert!(inspection.signature.hints.iter().any(|h| h.contains("r‖s")));
}

#[test]
fn kid_selects_the_key_and_an_unknown_kid_falls_back_to_trying_all() {
    let mut a = secret("first secret that is long enough for HS256!!");
    a.kid = Some("a".into());
    let mut b = secret("second secret that is long enough for HS256!");
    b.kid = Some("b".into());
    let header = r#"{"alg":"HS256","kid":"b"}"#;
    let token = sign::encode(header, PAYLOAD, Algorithm::HS256, &b).expect("sign");
    let inspection = inspect(&token, &[a.clone(), b.clone()]);
    assert_eq!(inspection.signature.key, Some(1));
    assert_eq!(inspection.signature.attempts.len(), 1);
    let header = r#"{"alg":"HS256","kid":"zzz"}"#;
    let token = sign::encode(header, PAYLOAD, Algorithm::HS256, &b).expect("sign");
    let inspection = inspect(&token, &[a, b]);
    assert_eq!(inspection.signature.status, SignatureStatus::Valid);
    assert_eq!(inspection.signature.attempts.len(), 2);
    assert!(inspection.signature.hints.iter().any(|h| h.contains("no loaded key has kid \"zzz\"")));
}

#[test]
fn rsa_signature_of_the_wrong_length_is_explained() {
    let token = mint(Algorithm::RS256, &load("rsa2048.pkcs8.pem"));
    let (input, _) = token.rsplit_once('.').expect("dots");
    let short = format!("{input}.{}", b64([7u8; 128]));
    let inspection = inspect(&short, &[load("rsa2048.pub.pem")]);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert!(
        inspection
            .signature
            .attempts
            .iter()
            .any(|a| a.outcome.contains("it is 128 bytes, but this key's signatures are 256 bytes")),
        "{:?}",
        inspection.signature.attempts
    );
}

fn b64(bytes: impl AsRef<[u8]>) -> String {
    jwt_inspector::jose::base64url::encode(bytes)
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        write!(out, "{b:02x}").unwrap();
    }
    out
}

fn openssl_like_der_signature(pkcs8_pem: &[u8], message: &[u8]) -> Vec<u8> {
    let der = pem::parse(pkcs8_pem).expect("pem").into_contents();
    let pair =
        aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(&aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1_SIGNING, &der)
            .expect("key");
    pair.sign(&aws_lc_rs::rand::SystemRandom::new(), message).expect("sign").as_ref().to_vec()
}
