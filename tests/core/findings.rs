//! Every finding id has a fixture token that raises it, and the clean demo token raises
//! none: both directions of the lint contract.

use chrono::DateTime;
use jwt_inspector::inspection::Expectations;
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::base64url::encode as b64;
use jwt_inspector::jose::keys::Key;
use jwt_inspector::jose::lint::{FindingId, Severity};
use jwt_inspector::jose::sign;
use jwt_inspector::{Inspection, Settings, demo};

const NOW: i64 = 1_795_348_800;
const STRONG: &str = "a long, random-looking secret nobody has published: 7f3a9c";

use crate::common::{self, secret};

fn now() -> DateTime<chrono::Utc> {
    common::at(NOW)
}

fn key_file(name: &str) -> Key {
    common::key(&format!("keys/{name}"))
}

fn hs(header: &str, payload: &str, key: &str) -> String {
    sign::encode(header, payload, Algorithm::HS256, &secret(key)).unwrap()
}

fn unsigned(header: &str, payload: &str) -> String {
    format!("{}.{}.{}", b64(header), b64(payload), b64([7u8; 32]))
}

/// A payload with every recommended claim, valid at NOW, lifetime 15 min.
fn clean_payload() -> String {
    format!(r#"{{"iss":"https://id.example.com","sub":"u1","aud":"api","iat":{NOW},"exp":{}}}"#, NOW + 900)
}

const H: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

struct Fixture {
    id: &'static str,
    token: String,
    keys: Vec<Key>,
    settings: Settings,
}

fn fixture(id: &'static str, token: String) -> Fixture {
    Fixture { id, token, keys: vec![secret(STRONG)], settings: Settings::default() }
}

#[allow(clippy::too_many_lines, reason = "a table: one fixture per finding id")]
fn fixtures() -> Vec<Fixture> {
    let p = clean_payload();
    let rsa_pem =
        std::fs::read_to_string(format!("{}/tests/keys/rsa2048.pub.pem", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let with = |header: &str| hs(header, &p, STRONG);
    let with_payload = |payload: &str| hs(H, payload, STRONG);
    vec![
        fixture("alg-none", format!("{}.{}.", b64(r#"{"alg":"nOnE"}"#), b64(&p))),
        fixture("missing-alg", unsigned(r#"{"typ":"JWT"}"#, &p)),
        fixture("unsupported-alg", unsigned(r#"{"alg":"HS1024"}"#, &p)),
        fixture("unsupported-alg", unsigned(r#"{"alg":"Ed448"}"#, &p)),
        fixture("deprecated-alg", unsigned(r#"{"alg":"EdDSA"}"#, &p)),
        fixture("empty-signature", format!("{}.{}.", b64(H), b64(&p))),
        fixture("psychic-signature", format!("{}.{}.{}", b64(r#"{"alg":"ES256"}"#), b64(&p), b64([0u8; 64]))),
        Fixture { keys: vec![key_file("rsa2048.pub.pem")], ..fixture("key-confusion", hs(H, &p, &rsa_pem)) },
        Fixture {
            keys: vec![secret("your-256-bit-secret")],
            ..fixture("weak-secret", hs(H, &p, "your-256-bit-secret"))
        },
        Fixture { keys: vec![secret("short")], ..fixture("weak-secret", hs(H, &p, "short")) },
        Fixture {
            keys: vec![key_file("rsa1024.pub.pem")],
            ..fixture(
                "weak-key",
                std::fs::read_to_string(format!("{}/tests/keys/rsa1024.rs256.jwt", env!("CARGO_MANIFEST_DIR")))
                    .unwrap(),
            )
        },
        fixture("embedded-jwk", with(r#"{"alg":"HS256","jwk":{"kty":"oct","k":"AAAA"}}"#)),
        fixture("jku-header", with(r#"{"alg":"HS256","jku":"https://attacker.example/jwks.json"}"#)),
        fixture("x5u-header", with(r#"{"alg":"HS256","x5u":"https://attacker.example/cert.pem"}"#)),
        fixture("x5c-header", with(r#"{"alg":"HS256","x5c":["MIIB"]}"#)),
        fixture("kid-injection", with(r#"{"alg":"HS256","kid":"../../../../dev/null"}"#)),
        fixture("kid-injection", with(r#"{"alg":"HS256","kid":"x' UNION SELECT 'key"}"#)),
        fixture("crit-unsupported", with(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#)),
        fixture(
            "b64-false",
            std::fs::read_to_string(format!(
                "{}/tests/vectors/rfc/rfc7797_4_2_detached.jwt",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        ),
        fixture("nested-jwt", hs(r#"{"alg":"HS256","cty":"JWT"}"#, &hs(H, &p, STRONG), STRONG)),
        fixture(
            "jwe",
            format!(
                "{}.{}.{}.{}.{}",
                b64(r#"{"alg":"dir","enc":"A128GCM"}"#),
                "",
                b64([1u8; 12]),
                b64([2u8; 30]),
                b64([3u8; 16])
            ),
        ),
        fixture(
            "jwe-rsa1-5",
            format!(
                "{}.{}.{}.{}.{}",
                b64(r#"{"alg":"RSA1_5","enc":"A128CBC-HS256"}"#),
                b64([1u8; 256]),
                b64([2u8; 16]),
                b64([3u8; 32]),
                b64([4u8; 16])
            ),
        ),
        fixture("duplicate-keys", with_payload(&p.replacen('{', r#"{"admin":false,"admin":true,"#, 1))),
        fixture("no-exp", with_payload(r#"{"iss":"i","aud":"a","sub":"s"}"#)),
        fixture(
            "long-lifetime",
            with_payload(&format!(r#"{{"iss":"i","aud":"a","iat":{NOW},"exp":{}}}"#, NOW + 3 * 86_400)),
        ),
        fixture("exp-before-iat", with_payload(&format!(r#"{{"iss":"i","aud":"a","iat":{NOW},"exp":{}}}"#, NOW - 10))),
        fixture(
            "nbf-after-exp",
            with_payload(&format!(r#"{{"iss":"i","aud":"a","nbf":{},"exp":{}}}"#, NOW + 100, NOW + 50)),
        ),
        fixture(
            "iat-in-future",
            with_payload(&format!(r#"{{"iss":"i","aud":"a","iat":{},"exp":{}}}"#, NOW + 3_600, NOW + 7_200)),
        ),
        fixture("invalid-time-claim", with_payload(r#"{"iss":"i","aud":"a","exp":"tomorrow"}"#)),
        fixture("invalid-time-claim", with_payload(r#"{"iss":"i","aud":"a","exp":1e400}"#)),
        fixture("ms-timestamp", with_payload(&format!(r#"{{"iss":"i","aud":"a","exp":{}}}"#, (NOW + 900) * 1000))),
        fixture("missing-iss", with_payload(&format!(r#"{{"aud":"a","exp":{}}}"#, NOW + 900))),
        fixture("missing-aud", with_payload(&format!(r#"{{"iss":"i","exp":{}}}"#, NOW + 900))),
        Fixture {
            settings: Settings {
                expect: Expectations { issuer: Some("https://other.example".into()), ..Expectations::default() },
                ..Settings::default()
            },
            ..fixture("iss-mismatch", with_payload(&p))
        },
        Fixture {
            settings: Settings {
                expect: Expectations { audience: Some("billing".into()), ..Expectations::default() },
                ..Settings::default()
            },
            ..fixture("aud-mismatch", with_payload(&p))
        },
        fixture("sensitive-data", with_payload(&p.replacen('{', r#"{"password":"hunter2","#, 1))),
        fixture("sensitive-data", with_payload(&p.replacen('{', r#"{"card":"4111 1111 1111 1111","#, 1))),
        fixture(
            "sensitive-data",
            with_payload(&p.replacen('{', r#"{"note":"-----BEGIN RSA PRIVATE KEY-----\nMII…","#, 1)),
        ),
        fixture("payload-not-object", hs(H, "[1,2,3]", STRONG)),
        fixture("non-canonical-base64url", {
            let token = with_payload(&p);
            let (input, sig) = token.rsplit_once('.').unwrap();
            let padded = base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                jwt_inspector::jose::base64url::decode(sig).unwrap().bytes,
            );
            format!("{input}.{padded}")
        }),
        fixture("malformed-token", format!("{}..", with_payload(&p))),
        fixture("oversized", with_payload(&p.replacen('{', &format!(r#"{{"blob":"{}","#, "x".repeat(9_000)), 1))),
        fixture(
            "deep-nesting",
            with_payload(&p.replacen('{', &format!(r#"{{"deep":{}1{},"#, "[".repeat(300), "]".repeat(300)), 1)),
        ),
        fixture("typ-unexpected", with(r#"{"alg":"HS256","typ":"JWS"}"#)),
        fixture("invalid-claim-type", with_payload(&p.replacen(r#""sub":"u1""#, r#""sub":42"#, 1))),
    ]
}

#[test]
fn every_finding_has_a_fixture_that_raises_it() {
    // The fixtures change one thing in this clean token: if it raised a finding itself, the
    // fixture for that finding would pass whatever its change did.
    let clean = Inspection::new(&hs(H, &clean_payload(), STRONG), &[secret(STRONG)], &Settings::default(), now());
    assert!(clean.findings.is_empty(), "{:?}", clean.findings);
    let mut covered = std::collections::BTreeSet::new();
    for fixture in fixtures() {
        let inspection = Inspection::new(&fixture.token, &fixture.keys, &fixture.settings, now());
        let ids: Vec<&str> = inspection.findings.iter().map(|f| f.id.name()).collect();
        assert!(ids.contains(&fixture.id), "{} not raised; got {ids:?} ({:?})", fixture.id, inspection.errors);
        let finding = inspection.findings.iter().find(|f| f.id.name() == fixture.id).unwrap();
        assert!(!finding.message.is_empty() && !finding.reference.is_empty());
        covered.insert(fixture.id);
    }
    // Every id the linter can raise has a fixture.
    for id in FindingId::ALL {
        assert!(covered.contains(id.name()), "no fixture raises {}", id.name());
    }
}

#[test]
fn the_readme_findings_table_is_the_one_in_the_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = FindingId::markdown_table();
    assert!(readme.contains(&table), "README's findings table differs from FindingId's; it should read:\n{table}");
}

#[test]
fn the_demo_token_raises_no_findings_at_all() {
    let token = demo::token(now()).unwrap();
    let key = demo::public_key().unwrap();
    let inspection = Inspection::new(&token, &[key], &Settings::default(), now());
    assert!(inspection.passed(), "{}", jwt_inspector::present::headline(&inspection.verdict));
    assert!(inspection.findings.is_empty(), "{:?}", inspection.findings);
}

#[test]
fn a_clean_hs256_token_raises_no_security_findings() {
    let token = hs(H, &clean_payload(), STRONG);
    let inspection = Inspection::new(&token, &[secret(STRONG)], &Settings::default(), now());
    assert!(inspection.passed());
    let security: Vec<_> = inspection.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    assert!(security.is_empty(), "{security:?}");
}

#[test]
fn findings_are_sorted_by_severity_and_point_at_their_member() {
    let token = hs(r#"{"alg":"HS256","jku":"https://x"}"#, r#"{"password":"x","sub":42}"#, STRONG);
    let inspection = Inspection::new(&token, &[secret(STRONG)], &Settings::default(), now());
    let severities: Vec<Severity> = inspection.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    let sensitive = inspection.findings.iter().find(|f| f.id == FindingId::SensitiveData).unwrap();
    assert_eq!(sensitive.location.as_ref().and_then(|l| l.member.as_deref()), Some("password"));
}
