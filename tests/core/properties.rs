//! Properties that must hold for every input: extraction + inspection and key loading
//! return (never panic, never hang) whatever bytes they are given.

use chrono::DateTime;
use jwt_inspector::jose::keys::{self, SecretEncoding};
use jwt_inspector::{Inspection, Settings};
use proptest::prelude::*;

fn now() -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
}

// Text built from the pieces tokens are made of, so that the generator reaches deep into
// the parser instead of stopping at "no token found".
fn tokenish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("eyJ".to_owned()),
        Just(".".to_owned()),
        Just("=".to_owned()),
        Just("\r\n ".to_owned()),
        Just("Bearer ".to_owned()),
        "[A-Za-z0-9_+/-]{0,12}",
        any::<u8>().prop_map(|b| (b as char).to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

// Real headers and payloads with arbitrary member values, base64url-encoded.
fn encoded_json_token() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("null".to_owned()),
        Just("1e400".to_owned()),
        Just("-1e20".to_owned()),
        Just("\"none\"".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| if f.is_finite() { f.to_string() } else { "0".to_owned() }),
        "\"[ -~]{0,10}\"",
    ];
    let names = prop_oneof![
        Just("alg"),
        Just("exp"),
        Just("nbf"),
        Just("iat"),
        Just("kid"),
        Just("crit"),
        Just("cty"),
        Just("b64"),
        Just("aud")
    ];
    let object = prop::collection::vec((names, value), 0..6).prop_map(|members| {
        let body: Vec<String> = members.iter().map(|(n, v)| format!("\"{n}\":{v}")).collect();
        format!("{{{}}}", body.join(","))
    });
    (object.clone(), object, prop::collection::vec(any::<u8>(), 0..80)).prop_map(|(h, p, s)| {
        let b64 = |bytes: &[u8]| jwt_inspector::jose::base64url::encode(bytes);
        format!("{}.{}.{}", b64(h.as_bytes()), b64(p.as_bytes()), b64(&s))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_inspected_without_panicking(text in any::<String>()) {
        let inspection = Inspection::new(&text, &[], &Settings::default(), now());
        let _ = jwt_inspector::report::to_json(&inspection, &[]);
    }

    #[test]
    fn any_bytes_are_inspected_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Inspection::new(&text, &[], &Settings::default(), now());
    }

    #[test]
    fn tokenish_text_is_inspected_without_panicking(text in tokenish()) {
        let secret = keys::secret_from_text("secret", SecretEncoding::Utf8, "t").ok().into_iter().collect::<Vec<_>>();
        let inspection = Inspection::new(&text, &secret, &Settings { leeway: 30, ..Settings::default() }, now());
        // Every error offset points inside the input.
        for error in &inspection.errors {
            if let Some(offset) = error.offset {
                prop_assert!(offset <= text.len());
            }
        }
    }

    #[test]
    fn tokens_with_arbitrary_claims_are_inspected_without_panicking(token in encoded_json_token()) {
        let inspection = Inspection::new(&token, &[], &Settings::default(), now());
        prop_assert!(inspection.token.is_some());
        let _ = jwt_inspector::report::to_json(&inspection, &[]);
    }

    #[test]
    fn any_bytes_given_as_a_key_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = keys::load(&bytes, "fuzz");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            for encoding in SecretEncoding::ALL {
                let _ = keys::secret_from_text(text, encoding, "fuzz");
            }
        }
    }
}
