//! The one verdict: the checklist a server runs, its outcome and first failure, and the
//! edges that used to be judged wrong (weak RSA keys, the demo key, unusable keys, known
//! secrets, tokens with no claims).

use crate::common::{at, key, read, secret};
use jwt_inspector::inspection::{Expectations, Request};
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::base64url::encode as b64;
use jwt_inspector::jose::findings::FindingId;
use jwt_inspector::jose::keys::{self, Origin, UnusableKey};
use jwt_inspector::jose::timeline::TimeStatus;
use jwt_inspector::jose::verdict::{Cause, Expected, Outcome, StepId, StepStatus};
use jwt_inspector::jose::verify::{SignatureCause, SignatureStatus};
use jwt_inspector::{Inspection, Settings, demo, present};

const NOW: i64 = 1_800_000_000;

fn hs256(payload: &str, secret_text: &str) -> String {
    jwt_inspector::jose::sign::encode(r#"{"alg":"HS256","typ":"JWT"}"#, payload, Algorithm::HS256, &secret(secret_text))
        .unwrap()
}

fn statuses(inspection: &Inspection) -> Vec<StepStatus> {
    inspection.verdict.steps.iter().map(|s| s.status).collect()
}

#[test]
fn a_good_token_is_accepted_with_every_step_in_server_order() {
    use StepStatus::{NotChecked, Passed};
    let token = hs256(&format!(r#"{{"sub":"u","exp":{}}}"#, NOW + 600), "a strong secret of 32 bytes, yes!");
    let inspection =
        Inspection::new(&token, &[secret("a strong secret of 32 bytes, yes!")], &Settings::default(), at(NOW));
    assert_eq!(inspection.verdict.outcome, Outcome::Accepted);
    assert_eq!(inspection.verdict.first_failure, None);
    let ids: Vec<StepId> = inspection.verdict.steps.iter().map(|s| s.id).collect();
    assert_eq!(ids, StepId::ALL);
    assert_eq!(statuses(&inspection), [Passed, Passed, Passed, Passed, NotChecked], "no expectations were set");
    assert_eq!(present::headline(&inspection.verdict), "✔ Accepted");
    assert_eq!(present::title(&inspection), "HS256 · ✔ accepted");
}

#[test]
fn an_expired_token_is_rejected_at_the_time_step_with_its_age() {
    let token = hs256(&format!(r#"{{"exp":{}}}"#, NOW - 3 * 3600 - 12 * 60), "s3cr3t-but-not-in-the-list-0192837465");
    let key = secret("s3cr3t-but-not-in-the-list-0192837465");
    let inspection = Inspection::new(&token, &[key], &Settings::default(), at(NOW));
    assert_eq!(inspection.verdict.outcome, Outcome::Rejected);
    assert_eq!(inspection.verdict.first_failure, Some(StepId::Time));
    assert_eq!(present::headline(&inspection.verdict), "✖ Rejected: expired 3 h 12 min ago");
    // The title names the cause, not the seconds (it must not change every second).
    assert_eq!(present::title(&inspection), "HS256 · ✖ rejected · expired");
}

#[test]
fn a_wrong_audience_rejects_a_token_whose_signature_verifies() {
    let token = hs256(&format!(r#"{{"aud":"billing-api","exp":{}}}"#, NOW + 600), "another strong secret, 32 bytes!");
    let settings = Settings {
        expect: Expectations { audience: Some("orders-api".to_owned()), ..Expectations::default() },
        ..Settings::default()
    };
    let inspection = Inspection::new(&token, &[secret("another strong secret, 32 bytes!")], &settings, at(NOW));
    assert_eq!(inspection.signature.status, SignatureStatus::Valid);
    assert_eq!(inspection.verdict.outcome, Outcome::Rejected);
    let step = inspection.verdict.deciding_step().unwrap();
    assert_eq!(step.id, StepId::Expectations);
    assert_eq!(step.cause, Cause::ExpectationMismatch(Expected::Aud));
    assert!(present::headline(&inspection.verdict).contains("does not include the expected \"orders-api\""));
    assert_eq!(present::title(&inspection), "HS256 · ✖ rejected · wrong audience");
    assert_eq!(inspection.verdict.high_findings, 1, "aud-mismatch is high");
    assert!(present::headline(&inspection.verdict).ends_with("· 1 high finding"));
}

#[test]
fn an_alg_none_token_fails_at_the_algorithm_step_before_the_signature() {
    let token = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("{}"));
    let inspection = Inspection::new(&token, &[], &Settings::default(), at(NOW));
    assert_eq!(inspection.verdict.outcome, Outcome::Rejected);
    assert_eq!(inspection.verdict.first_failure, Some(StepId::Algorithm));
    assert_eq!(inspection.verdict.steps[2].status, StepStatus::Failed, "not signed");
}

#[test]
fn no_key_leaves_the_verdict_undecided_and_says_what_to_load() {
    let token = read("keys/rsa1024.rs256.jwt");
    // Before the token's exp: nothing fails, the signature cannot be checked.
    let before_exp = at(1_795_349_000);
    let inspection = Inspection::new(std::str::from_utf8(&token).unwrap(), &[], &Settings::default(), before_exp);
    assert_eq!(inspection.verdict.outcome, Outcome::Undecided);
    assert_eq!(inspection.verdict.first_failure, Some(StepId::Signature));
    assert!(present::headline(&inspection.verdict).starts_with("? Undecided: no key loaded"));
    // After it, the token is rejected for its time whatever the key would say.
    let inspection = Inspection::new(std::str::from_utf8(&token).unwrap(), &[], &Settings::default(), at(NOW));
    assert_eq!((inspection.verdict.outcome, inspection.verdict.first_failure), (Outcome::Rejected, Some(StepId::Time)));
}

#[test]
fn the_demo_key_never_raises_a_false_alarm_on_someone_elses_token() {
    let demo_key = {
        let mut key = demo::public_key().unwrap();
        key.origin = Origin::Demo;
        key
    };
    // The user's own RS256 token, with only the demo key loaded.
    let token = String::from_utf8(read("keys/rsa1024.rs256.jwt")).unwrap();
    let inspection = Inspection::new(token.trim(), std::slice::from_ref(&demo_key), &Settings::default(), at(NOW));
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
    assert_eq!(inspection.signature.cause, SignatureCause::OnlyDemoKey);
    assert!(inspection.signature.reason.contains("no key of yours is loaded"), "{}", inspection.signature.reason);
    assert!(!present::headline(&inspection.verdict).contains("does not match"));
    // The demo token itself still verifies with it, and its tampered copy is a mismatch.
    let demo_token = demo::token(at(NOW)).unwrap();
    let inspection = Inspection::new(&demo_token, std::slice::from_ref(&demo_key), &Settings::default(), at(NOW));
    assert_eq!(inspection.verdict.outcome, Outcome::Accepted);
    let (rest, signature) = demo_token.rsplit_once('.').unwrap();
    let (header, _) = rest.rsplit_once('.').unwrap();
    let tampered = format!("{header}.{}.{signature}", b64(r#"{"sub":"admin"}"#));
    let inspection = Inspection::new(&tampered, &[demo_key], &Settings::default(), at(NOW));
    assert_eq!(inspection.signature.cause, SignatureCause::Mismatch);
    // The words the first token must not raise are the ones a real mismatch shows.
    assert!(present::headline(&inspection.verdict).contains("does not match"));
}

#[test]
fn rsa_keys_of_1024_bits_verify_good_signatures_and_are_flagged_weak() {
    let public = key("keys/rsa1024.pub.pem");
    let token = String::from_utf8(read("keys/rsa1024.rs256.jwt")).unwrap();
    let inspection = Inspection::new(token.trim(), std::slice::from_ref(&public), &Settings::default(), at(NOW));
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{}", inspection.signature.reason);
    assert!(inspection.findings.iter().any(|f| f.id == FindingId::WeakKey));
    // A bad signature with the same key is invalid.
    let (input, signature) = token.trim().rsplit_once('.').unwrap();
    let mut bytes = jwt_inspector::jose::base64url::decode(signature).unwrap().bytes;
    bytes[7] ^= 1;
    let tampered = format!("{input}.{}", b64(&bytes));
    let inspection = Inspection::new(&tampered, std::slice::from_ref(&public), &Settings::default(), at(NOW));
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    // PS256 under 2048 bits cannot be checked here: not checked, never invalid.
    let token = String::from_utf8(read("keys/rsa1024.ps256.jwt")).unwrap();
    let inspection = Inspection::new(token.trim(), &[public], &Settings::default(), at(NOW));
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
    assert_eq!(inspection.signature.cause, SignatureCause::KeyUnusable);
    assert!(inspection.signature.reason.contains("1024 bits"), "{}", inspection.signature.reason);
}

#[test]
fn an_hs256_token_with_a_publicly_known_secret_is_found_without_being_asked() {
    let token = hs256(&format!(r#"{{"sub":"u","exp":{}}}"#, NOW + 600), "secret");
    let settings = Settings::default();
    let request = Request { known_secrets: true, ..Request::new(&token, &settings, at(NOW)) };
    let inspection = Inspection::inspect(&request);
    assert_eq!(inspection.signature.status, SignatureStatus::Valid);
    assert_eq!(inspection.signature.cause, SignatureCause::KnownSecret);
    assert_eq!(inspection.signature.reason, "signature verified: the secret is the publicly known \"secret\"");
    let weak = inspection.findings.iter().find(|f| f.id == FindingId::WeakSecret).expect("weak-secret");
    assert_eq!(weak.severity, jwt_inspector::jose::findings::Severity::High);
    assert_eq!(inspection.signature_key(&[]).map(|k| k.origin), Some(Origin::KnownSecret));
    // Without the search (batch, the GUI's UI thread) it stays undecided.
    let inspection = Inspection::inspect(&Request::new(&token, &settings, at(NOW)));
    assert_eq!(inspection.verdict.outcome, Outcome::Undecided);
    // A secret that is not in the list is not found, and nothing is claimed.
    let token = hs256("{}", "not-in-any-list-3f9a1c7e55d0b2a8");
    let inspection = Inspection::inspect(&Request { known_secrets: true, ..Request::new(&token, &settings, at(NOW)) });
    assert_eq!(inspection.signature.cause, SignatureCause::NoKey);
}

#[test]
fn no_token_and_text_payloads_have_no_time_status_to_give() {
    let inspection = Inspection::new("hello, this is not a token", &[], &Settings::default(), at(NOW));
    assert_eq!(inspection.timeline.status, TimeStatus::NotApplicable);
    assert_eq!(inspection.verdict.outcome, Outcome::Rejected);
    assert_eq!(inspection.verdict.first_failure, Some(StepId::Structure));
    // RFC 7520 4.1 signs a quotation: a payload that is text, not JSON.
    let text = String::from_utf8(read("vectors/rfc/rfc7520_4_1_rs256.jwt")).unwrap();
    let inspection = Inspection::new(text.trim(), &[], &Settings::default(), at(NOW));
    let payload = inspection.token.as_ref().and_then(|t| t.payload.as_ref()).expect("payload");
    assert_eq!(payload.describe(), "text that is not JSON");
    assert_eq!(inspection.timeline.status, TimeStatus::NotApplicable);
    assert_eq!(inspection.verdict.steps[3].status, StepStatus::NotChecked);
}

#[test]
fn keys_this_tool_cannot_use_are_named_as_people_name_them() {
    for (file, name) in [
        ("keys/brainpoolp256r1.pub.pem", "brainpoolP256r1 is not supported yet"),
        ("keys/ed448.pub.pem", "Ed448 is not supported yet"),
    ] {
        let error = keys::load(&read(file), file).expect_err("unsupported");
        assert!(error.to_string().starts_with(name), "{file}: {error}");
    }
    let jwk = r#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#;
    assert!(keys::load(jwk.as_bytes(), "jwk").unwrap_err().to_string().starts_with("Ed448 is not supported yet"));
    // A corrupt PEM names the line to fix.
    let pem = String::from_utf8(read("keys/rsa2048.pub.pem")).unwrap().replacen('A', "*", 1);
    let error = keys::load(pem.as_bytes(), "broken.pem").expect_err("corrupt");
    assert!(error.to_string().contains("line 2: '*' is not a base64 character"), "{error}");
    let truncated: String =
        String::from_utf8(read("keys/rsa2048.pub.pem")).unwrap().lines().take(4).collect::<Vec<_>>().join("\n");
    let error = keys::load(truncated.as_bytes(), "cut.pem").expect_err("no END");
    assert!(error.to_string().contains("line 1: the PUBLIC KEY block is never closed"), "{error}");
}

#[test]
fn an_unusable_key_is_listed_and_the_verdict_follows_from_the_other_keys() {
    let error = keys::load(&read("keys/ed448.pub.pem"), "ed448.pub.pem").unwrap_err();
    let unusable = [UnusableKey { source: "ed448.pub.pem".to_owned(), error }];
    let token = hs256(&format!(r#"{{"exp":{}}}"#, NOW + 60), "yet another strong secret, 32 by");
    let settings = Settings::default();
    let keys = [secret("yet another strong secret, 32 by")];
    let inspection = Inspection::inspect(&Request {
        keys: &keys,
        unusable_keys: &unusable,
        ..Request::new(&token, &settings, at(NOW))
    });
    assert_eq!(inspection.verdict.outcome, Outcome::Accepted);
    assert_eq!(inspection.unusable_keys.len(), 1);
    // With no other key, the signature step says why nothing checked it.
    let inspection =
        Inspection::inspect(&Request { unusable_keys: &unusable, ..Request::new(&token, &settings, at(NOW)) });
    assert_eq!(inspection.verdict.outcome, Outcome::Undecided);
    assert!(inspection.signature.hints[0].contains("Ed448 is not supported yet"), "{:?}", inspection.signature.hints);
}

#[test]
fn a_long_hmac_token_is_not_searched_unasked_and_the_hint_says_why() {
    // Signed with a listed secret, but 3 KB long: searching would cost an HMAC over 3 KB per
    // candidate. A 1 MB token would take minutes.
    let token = hs256(&format!(r#"{{"data":"{}"}}"#, "x".repeat(3_000)), "secret");
    let settings = Settings::default();
    let inspection = Inspection::inspect(&Request { known_secrets: true, ..Request::new(&token, &settings, at(NOW)) });
    assert_eq!(inspection.signature.cause, SignatureCause::NoKey);
    assert!(inspection.known_secret.is_none());
    assert!(
        inspection.signature.hints.iter().any(|h| h.contains("were not tried automatically")),
        "{:?}",
        inspection.signature.hints
    );
}

#[test]
fn a_nested_token_counts_in_the_outer_verdict() {
    // An outer HS256 token carrying an inner one (cty: JWT); both signed with the same
    // secret. The claims live inside.
    let outer = |inner: &str| {
        let key = secret("outer and inner secret, long enough");
        jwt_inspector::jose::sign::encode(r#"{"alg":"HS256","cty":"JWT"}"#, inner, Algorithm::HS256, &key).unwrap()
    };
    let inspect = |token: &str| {
        Inspection::new(token, &[secret("outer and inner secret, long enough")], &Settings::default(), at(NOW))
    };
    // Inner valid: accepted, and the time step is the inner token's (the outer has no claims).
    let good = outer(&hs256(&format!(r#"{{"sub":"x","exp":{}}}"#, NOW + 60), "outer and inner secret, long enough"));
    let verdict = inspect(&good).verdict;
    assert_eq!(verdict.outcome, Outcome::Accepted);
    let time = verdict.step(StepId::Time).unwrap();
    assert_eq!(time.status, StepStatus::Passed);
    assert!(time.detail.starts_with("the nested token: "), "{}", time.detail);
    // The outer token shows the inner token's times (the timeline pane, the report's time).
    assert_eq!(inspect(&good).timeline.status, TimeStatus::Valid);
    assert_eq!(
        inspect(&good)
            .timeline
            .claim("exp")
            .and_then(jwt_inspector::jose::timeline::TimeClaim::date)
            .map(|d| d.timestamp()),
        Some(NOW + 60)
    );
    // Inner expired: the outer token is rejected at the time step, and says why.
    let expired = outer(&hs256(&format!(r#"{{"sub":"x","exp":{}}}"#, NOW - 60), "outer and inner secret, long enough"));
    let verdict = inspect(&expired).verdict;
    assert_eq!((verdict.outcome, verdict.first_failure), (Outcome::Rejected, Some(StepId::Time)));
    // Inner signed with another secret: rejected at the signature, although the outer verifies.
    let forged = outer(&hs256(r#"{"sub":"admin"}"#, "somebody else's secret, long enough"));
    let inspection = inspect(&forged);
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "the outer signature is good");
    assert_eq!(
        (inspection.verdict.outcome, inspection.verdict.first_failure),
        (Outcome::Rejected, Some(StepId::Signature))
    );
    // An expected issuer is judged on the inner claims (the outer token has none of its own).
    let issued = outer(&hs256(
        &format!(r#"{{"iss":"https://id.example","exp":{}}}"#, NOW + 60),
        "outer and inner secret, long enough",
    ));
    let settings = Settings {
        expect: Expectations { issuer: Some("https://id.example".into()), ..Expectations::default() },
        ..Settings::default()
    };
    let inspection = Inspection::new(&issued, &[secret("outer and inner secret, long enough")], &settings, at(NOW));
    assert_eq!(inspection.verdict.outcome, Outcome::Accepted, "{:?}", inspection.verdict.deciding_step());
    assert_eq!(inspection.verdict.step(StepId::Expectations).unwrap().status, StepStatus::Passed);
}
