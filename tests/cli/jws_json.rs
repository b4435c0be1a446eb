//! `inspect` on a JWS JSON document (RFC 7515 §7.2): each signature's verdict, the count,
//! the exit code, and a detached payload given with `--payload-file`.

use super::run;

#[test]
fn a_jws_json_document_reports_each_signature_and_exits_on_all_of_them() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let document = format!("@{dir}/tests/vectors/rfc-next/rfc7515_a6.json");
    let all = format!("{dir}/tests/vectors/rfc-next/rfc7515_a6.jwks.json");
    let only_ec = format!("{dir}/tests/vectors/rfc-next/rfc7515_a7.jwks.json");
    let output = run(&["inspect", &document, "--key", &all, "--color", "never"], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.starts_with("✔ 2 of 2 signatures verified (JWS JSON, general form)"), "{text}");
    assert!(text.contains("1. RS256 kid 2010-12-29: ✔ verified"), "{text}");
    // One key of two: the document is not accepted, and the report says which one failed.
    let output = run(&["inspect", &document, "--key", &only_ec, "--json"], None);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["kind"], "jws-json");
    assert_eq!(report["verified"], 1);
    assert_eq!(report["signatures"][0]["status"], "unverifiable");
    assert_eq!(report["signatures"][1]["cause"], "verified");
}

#[test]
fn a_detached_payload_is_given_with_payload_file() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let vector = |name: &str| format!("{dir}/tests/vectors/rfc-next/{name}");
    let document = format!("@{}", vector("rfc7520_4_5.general.json"));
    let key = vector("rfc7520_4_5.jwk.json");
    // Without the payload: not checked, and the report says it is detached.
    let output = run(&["inspect", &document, "--key", &key, "--color", "never"], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("the payload is detached"), "{text}");
    // With it (the file's bytes, without the vector file's final newline): verified.
    let payload = std::env::temp_dir().join(format!("jwt-inspector-detached-{}.txt", std::process::id()));
    let bytes = std::fs::read(vector("rfc7520_4_5.payload.txt")).unwrap();
    std::fs::write(&payload, bytes.strip_suffix(b"\n").unwrap_or(&bytes)).unwrap();
    let output = run(&["inspect", &document, "--key", &key, "--payload-file", payload.to_str().unwrap()], None);
    let _ = std::fs::remove_file(&payload);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("1 of 1 signatures verified"), "{text}");
}
