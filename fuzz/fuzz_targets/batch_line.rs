//! Any text given to `verify --batch` as one line must come back as exactly one JSON object
//! on one line, numbered, that agrees with the verdict returned beside it.
#![no_main]

use jwt_inspector::Settings;
use jwt_inspector::batch::BatchVerifier;
use jwt_inspector::jose::keys::{self, SecretEncoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let keys: Vec<_> = keys::secret_from_text("secret", SecretEncoding::Utf8, "fuzz").into_iter().collect();
    let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let settings = Settings::default();
    let mut out = Vec::new();
    let verdict = BatchVerifier::new(&keys, &settings, now).verify_line(1, &text, &mut out);
    assert!(!out.contains(&b'\n'), "one line");
    let line: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
    assert_eq!(line["line"], 1);
    assert_eq!(line["signature"], verdict.signature);
    assert_eq!(line["time"], verdict.time);
});
