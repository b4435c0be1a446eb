//! Any text given to extraction + inspection (with a secret loaded, so verification runs)
//! must return without panicking, and its report must serialise.
#![no_main]

use jwt_inspector::jose::keys::{self, SecretEncoding};
use jwt_inspector::{Inspection, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let keys: Vec<_> = keys::secret_from_text("secret", SecretEncoding::Utf8, "fuzz").into_iter().collect();
    let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let inspection = Inspection::new(&text, &keys, &Settings { leeway: 60, ..Settings::default() }, now);
    let _ = jwt_inspector::report::to_json(&inspection, &keys);
});
