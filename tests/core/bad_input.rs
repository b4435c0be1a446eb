//! One test per class of bad or unusual input, each asserting the specific message the
//! user sees. Nothing here may panic, and whatever can be shown is still shown.

use chrono::DateTime;
use jwt_inspector::jose::base64url::encode as b64;
use jwt_inspector::jose::timeline::TimeStatus;
use jwt_inspector::jose::token::Content;
use jwt_inspector::jose::verify::SignatureStatus;
use jwt_inspector::{Inspection, Settings};

fn inspect(input: &str) -> Inspection {
    Inspection::new(input, &[], &Settings::default(), DateTime::from_timestamp(1_700_000_000, 0).expect("time"))
}

fn token(header: &str, payload: &str) -> String {
    format!("{}.{}.{}", b64(header), b64(payload), b64([1u8; 32]))
}

fn first_error(inspection: &Inspection) -> &str {
    inspection.errors.first().map_or("", |e| e.message.as_str())
}

fn has_finding(inspection: &Inspection, id: &str) -> bool {
    inspection.findings.iter().any(|f| f.id.name() == id)
}

const HS: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

#[test]
fn empty_input_asks_for_a_token() {
    let inspection = inspect("  \n ");
    assert!(inspection.token.is_none(), "nothing readable as a token");
    assert!(first_error(&inspection).starts_with("paste a token"), "{}", first_error(&inspection));
}

#[test]
fn prose_without_a_token_says_none_was_found() {
    let inspection = inspect("hello there, no tokens here");
    assert!(first_error(&inspection).starts_with("no token found in the text"));
}

#[test]
fn wrong_segment_count_is_named() {
    for (text, found) in [("abc.def", 2), ("a.b.c.d", 4), ("a.b.c.d.e.f", 6)] {
        let inspection = inspect(text);
        assert!(inspection.token.is_none(), "nothing readable as a token");
        assert_eq!(
            first_error(&inspection),
            format!(
                "a compact JWT has 3 segments separated by '.' (a signed JWS) or 5 (an encrypted JWE); this text has {found}"
            )
        );
    }
}

#[test]
fn bad_character_names_segment_and_character_and_points_into_the_input() {
    let good = token(HS, r#"{"sub":"1234567890abcdef"}"#);
    let (h, rest) = good.split_once('.').expect("dot");
    let bad = format!("{h}.{}*{}", &rest[..16], &rest[16..]);
    let input = format!("Bearer {bad}");
    let inspection = inspect(&input);
    assert_eq!(first_error(&inspection), "segment 2, character 17: '*' is not base64url");
    let offset = inspection.errors.first().and_then(|e| e.offset).expect("offset");
    assert_eq!(input.as_bytes().get(offset), Some(&b'*'));
    // The header is still decoded and shown.
    assert!(inspection.token.as_ref().and_then(|t| t.header_object()).is_some());
}

#[test]
fn misplaced_padding_and_impossible_length_are_explained() {
    let inspection = inspect(&format!("{}.ab=cd.", b64(HS)));
    assert_eq!(first_error(&inspection), "segment 2, character 3: '=' padding may only stand at the end");
    let inspection = inspect(&format!("{}.abcde.", b64(HS)));
    assert!(
        first_error(&inspection).starts_with("segment 2, 5 characters cannot be base64url"),
        "{}",
        first_error(&inspection)
    );
}

#[test]
fn padded_and_standard_alphabet_tokens_decode_leniently_and_are_reported() {
    let payload = "{\"sub\":\"??>\"}";
    let standard = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, payload);
    assert!(standard.contains('/') || standard.contains('+') || standard.ends_with('='), "{standard}");
    let inspection = inspect(&format!("{}.{standard}.{}", b64(HS), b64([1u8; 32])));
    assert!(inspection.errors.is_empty(), "{:?}", inspection.errors);
    assert_eq!(inspection.token.as_ref().and_then(|t| t.claims()).and_then(|c| c.get_str("sub")), Some("??>"));
    let finding = inspection.findings.iter().find(|f| f.id.name() == "non-canonical-base64url").expect("finding");
    assert!(finding.message.starts_with("the payload segment uses"), "{}", finding.message);
}

#[test]
fn header_that_is_not_json_is_reported_with_line_and_column() {
    let inspection = inspect(&token("{\"alg\":HS256}", "{}"));
    assert_eq!(
        first_error(&inspection),
        "the header is not JSON: unexpected 'H': expected a JSON value at line 1, column 8"
    );
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
}

#[test]
fn header_that_is_not_an_object_is_reported() {
    let inspection = inspect(&token("[\"HS256\"]", "{}"));
    assert_eq!(first_error(&inspection), "the header must be a JSON object, but it is an array");
}

#[test]
fn header_that_is_not_utf8_is_reported() {
    let inspection = inspect(&format!("{}.{}.", b64(b"{\"alg\":\"\xff\"}"), b64("{}")));
    assert_eq!(first_error(&inspection), "the header is not UTF-8 text (invalid UTF-8 at byte 8)");
}

#[test]
fn non_object_payloads_are_shown_as_what_they_are() {
    for (payload, shown) in [
        (&b"[1,2,3]"[..], "JSON (an array)"),
        (b"\"just a string\"", "JSON (a string)"),
        (b"plain text, not JSON", "text that is not JSON"),
        (b"\x00\xff\xfe binary", "binary data (not UTF-8)"),
    ] {
        let text = format!("{}.{}.{}", b64(HS), b64(payload), b64([1u8; 32]));
        let inspection = inspect(&text);
        assert!(inspection.errors.is_empty());
        let content = inspection.token.as_ref().and_then(|t| t.payload.as_ref()).expect("payload");
        assert_eq!(content.describe(), shown);
        assert!(has_finding(&inspection, "payload-not-object"), "{shown}");
        if let Content::Binary { bytes, .. } = content {
            assert_eq!(bytes.first(), Some(&0));
        }
    }
}

#[test]
fn duplicate_members_are_reported_with_the_value_libraries_take() {
    let inspection = inspect(&token(HS, r#"{"admin":false,"sub":"a","admin":true}"#));
    let finding = inspection.findings.iter().find(|f| f.id.name() == "duplicate-keys").expect("finding");
    assert!(finding.message.starts_with("\"admin\" appears 2 times in the payload"), "{}", finding.message);
    let claims = inspection.token.as_ref().and_then(|t| t.claims()).expect("claims");
    assert_eq!(claims.get("admin").map(|n| &n.value), Some(&jwt_inspector::jose::json::Value::Bool(true)));
    assert_eq!(claims.value.members().len(), 3, "every member is kept, in order");
}

#[test]
fn jwe_shows_its_protected_header_and_says_which_key_would_decrypt_it() {
    let jwe = format!(
        "{}.{}.{}.{}.{}",
        b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#),
        b64([1u8; 256]),
        b64([2u8; 12]),
        b64([3u8; 40]),
        b64([4u8; 16])
    );
    let inspection = inspect(&jwe);
    assert_eq!(inspection.token.as_ref().map(|t| t.kind), Some(jwt_inspector::jose::token::TokenKind::Jwe));
    assert!(inspection.errors.is_empty());
    assert_eq!(
        inspection.token.as_ref().and_then(|t| t.header_object()).and_then(|h| h.get_str("enc")),
        Some("A256GCM")
    );
    assert_eq!(inspection.signature.status, SignatureStatus::Unverifiable);
    // No key loaded: not decrypted, and the reason names the key it needs.
    assert_eq!(inspection.signature.cause, jwt_inspector::jose::verify::SignatureCause::NoKey);
    assert!(inspection.signature.reason.starts_with("not decrypted: no key loaded"), "{}", inspection.signature.reason);
    assert!(has_finding(&inspection, "jwe"));
}

#[test]
fn nested_jwt_is_inspected_as_a_child() {
    let inner = token(HS, r#"{"sub":"inner","exp":1800000000}"#);
    let outer = format!("{}.{}.{}", b64(r#"{"alg":"HS256","cty":"JWT"}"#), b64(&inner), b64([1u8; 32]));
    let inspection = inspect(&outer);
    let nested = inspection.nested.as_ref().expect("nested");
    assert_eq!(nested.token.as_ref().and_then(|t| t.claims()).and_then(|c| c.get_str("sub")), Some("inner"));
    assert_eq!(nested.timeline.status, TimeStatus::Valid);
    assert!(has_finding(&inspection, "nested-jwt"));
}

#[test]
fn unsupported_missing_and_non_string_alg_are_unverifiable_with_reasons() {
    let inspection = inspect(&token(r#"{"alg":"HS1024"}"#, "{}"));
    assert_eq!(inspection.signature.reason, "alg \"HS1024\" is not an algorithm this tool verifies");
    assert!(has_finding(&inspection, "unsupported-alg"));
    let inspection = inspect(&token(r#"{"alg":"hs256"}"#, "{}"));
    assert!(inspection.signature.hints.iter().any(|h| h == "alg is case-sensitive: did the issuer mean HS256?"));
    let inspection = inspect(&token(r#"{"typ":"JWT"}"#, "{}"));
    assert_eq!(inspection.signature.reason, "the header has no alg, so nothing says how to check the signature");
    assert!(has_finding(&inspection, "missing-alg"));
    let inspection = inspect(&token(r#"{"alg":256}"#, "{}"));
    assert_eq!(inspection.signature.reason, "alg is a number, not a string");
}

#[test]
fn alg_none_in_any_capitalisation_is_not_signed() {
    for alg in ["none", "None", "NONE", "nOnE"] {
        let text = format!("{}.{}.", b64(format!(r#"{{"alg":"{alg}"}}"#)), b64("{}"));
        let inspection = inspect(&text);
        assert_eq!(inspection.signature.status, SignatureStatus::NotSigned, "{alg}");
        assert!(has_finding(&inspection, "alg-none"));
    }
}

#[test]
fn absurd_time_claims_become_reasons() {
    for (value, status, reason) in [
        ("1e20", TimeStatus::Invalid, "outside the dates a computer can represent"),
        ("1e400", TimeStatus::Invalid, "overflows a 64-bit float"),
        ("\"1800000000\"", TimeStatus::Invalid, "a string is not a NumericDate"),
        ("-100", TimeStatus::Expired, ""),
        ("1800000000.75", TimeStatus::Valid, ""),
    ] {
        let inspection = inspect(&token(HS, &format!(r#"{{"exp":{value}}}"#)));
        assert_eq!(inspection.timeline.status, status, "{value}");
        if !reason.is_empty() {
            let why = inspection.timeline.invalid_claim.as_ref().map(|c| c.1.clone()).unwrap_or_default();
            assert!(why.contains(reason), "{value}: {why}");
            assert!(has_finding(&inspection, "invalid-time-claim"));
        }
    }
    let inspection = inspect(&token(HS, r#"{"exp":1700000000000}"#));
    assert!(has_finding(&inspection, "ms-timestamp"));
}

#[test]
fn wrapped_token_with_crlf_is_joined_and_the_stripping_is_said() {
    let t = token(HS, r#"{"sub":"wrapped over several lines of a log"}"#);
    let (a, b) = t.split_at(40);
    let inspection = inspect(&format!("\r\n  {a}\r\n  {b}\r\n"));
    assert!(inspection.errors.is_empty());
    let candidate = inspection.candidate().expect("candidate");
    assert_eq!(candidate.token, t);
    assert!(
        candidate.stripped.iter().any(|s| s.contains("joined 2 lines") && s.contains("CRLF")),
        "{:?}",
        candidate.stripped
    );
}

#[test]
fn several_tokens_are_all_offered_and_any_can_be_selected() {
    let first = token(HS, r#"{"sub":"first"}"#);
    let second = token(HS, r#"{"sub":"second"}"#);
    let input = format!(r#"{{"access_token":"{first}","id_token":"{second}"}}"#);
    let now = DateTime::from_timestamp(0, 0).expect("time");
    let inspection = Inspection::with_selection(&input, 1, &[], &Settings::default(), now);
    assert_eq!(inspection.candidates.len(), 2);
    assert_eq!(inspection.token.as_ref().and_then(|t| t.claims()).and_then(|c| c.get_str("sub")), Some("second"));
    assert_eq!(inspection.candidate().and_then(|c| c.context.as_deref()), Some("JSON member id_token"));
}

#[test]
fn json_nested_past_the_limit_never_hides_the_claims_around_it() {
    // 300 levels: the parser's limit is 128, but `exp` is a top-level member and expires.
    let payload = format!(r#"{{"exp":4102444800,"deep":{}1{}}}"#, "[".repeat(300), "]".repeat(300));
    let inspection = Inspection::new(&token(HS, &payload), &[], &Settings::default(), after_2100());
    let claims = inspection.token.as_ref().and_then(|t| t.claims()).expect("still a JSON object");
    assert!(claims.get("exp").is_some());
    assert_eq!(inspection.timeline.status, jwt_inspector::jose::timeline::TimeStatus::Expired);
    assert!(has_finding(&inspection, "deep-nesting"));
    // 5,000 levels with no claims around them: still JSON, read in linear time, no crash.
    let payload = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let inspection = inspect(&token(HS, &payload));
    let content = inspection.token.as_ref().and_then(|t| t.payload.as_ref()).expect("payload");
    assert_eq!(content.describe(), "JSON (an array)");
    assert!(has_finding(&inspection, "deep-nesting"));
}

fn after_2100() -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(4_102_444_800 + 3600, 0).expect("time")
}

#[test]
fn der_encoded_psychic_signatures_are_named_like_the_raw_form() {
    // SEQUENCE { INTEGER 0, INTEGER 0 }: PortSwigger's psychic-signature form.
    let der = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00];
    let es = format!("{}.{}.{}", b64(r#"{"alg":"ES256"}"#), b64("{}"), b64(der));
    let inspection = inspect(&es);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert_eq!(inspection.signature.cause, jwt_inspector::jose::verify::SignatureCause::PsychicSignature);
    assert!(has_finding(&inspection, "psychic-signature"));
    // A DER signature with non-zero r and s is the DER mistake, not the attack.
    let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
    let inspection = inspect(&format!("{}.{}.{}", b64(r#"{"alg":"ES256"}"#), b64("{}"), b64(der)));
    assert!(!has_finding(&inspection, "psychic-signature"));
}

#[test]
fn psychic_and_stripped_signatures_are_invalid() {
    let es = format!("{}.{}.{}", b64(r#"{"alg":"ES256"}"#), b64("{}"), b64([0u8; 64]));
    let inspection = inspect(&es);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert!(has_finding(&inspection, "psychic-signature"));
    let stripped = format!("{}.{}.", b64(HS), b64("{}"));
    let inspection = inspect(&stripped);
    assert_eq!(inspection.signature.status, SignatureStatus::Invalid);
    assert!(has_finding(&inspection, "empty-signature"));
}
