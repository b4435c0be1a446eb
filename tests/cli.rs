//! The `jwt-inspector` binary: arguments, stdin, the `--json` schema and exit codes.

// clippy.toml already allows these inside #[test] functions; the helpers outside them
// (runners, fixtures, signers) fail just as loudly.
#![allow(clippy::expect_used, clippy::panic, reason = "test helpers fail loudly")]

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

#[path = "cli/encrypt.rs"]
mod encrypt;
#[path = "cli/jws_json.rs"]
mod jws_json;

const BIN: &str = env!("CARGO_BIN_EXE_jwt-inspector");
const RFC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/rfc/");
// Before the RFC 7515 example tokens' exp (2011-03-22).
const BEFORE_EXP: &str = "1300000000";

fn vector(name: &str) -> String {
    std::fs::read_to_string(format!("{RFC}{name}.jwt")).expect("vector")
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_bytes(args, stdin.map(str::as_bytes))
}

/// Runs the binary with `stdin` written from another thread, so that a big input cannot
/// deadlock against output the test has not read yet.
fn run_bytes(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut pipe = child.stdin.take().expect("stdin");
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || pipe.write_all(stdin.unwrap_or_default()));
        let output = child.wait_with_output().expect("wait");
        writer.join().expect("writer").expect("write");
        output
    })
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn valid_token_prints_the_documented_json_and_exits_0() {
    let key = format!("{RFC}rfc7515_a2_rs256.pub.pem");
    let output = run(&["inspect", &vector("rfc7515_a2_rs256"), "--key", &key, "--now", BEFORE_EXP, "--json"], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report = json(&output);
    assert_eq!(report["kind"], "jws");
    assert_eq!(report["alg"], "RS256");
    assert_eq!(report["header"]["alg"], "RS256");
    assert_eq!(report["payload"]["iss"], "joe");
    assert_eq!(report["signature"]["status"], "valid");
    assert_eq!(report["signature"]["key"]["type"], "RSA 2048");
    assert_eq!(report["time"]["status"], "valid");
    assert_eq!(report["time"]["exp"]["value"], 1_300_819_380);
    assert_eq!(report["time"]["exp"]["iso"], "2011-03-22T18:43:00Z");
    assert!(report["findings"].is_array());
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_eq!(report["passed"], true);
}

#[test]
fn expired_token_exits_1_and_says_expired() {
    let key = format!("{RFC}rfc7515_a1_hs256.secret.b64");
    let output = run(
        &["inspect", &vector("rfc7515_a1_hs256"), "--secret-file", &key, "--secret-encoding", "base64", "--json"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["signature"]["status"], "valid");
    assert_eq!(report["time"]["status"], "expired");
    assert!(report["time"]["phrase"].as_str().is_some_and(|p| p.starts_with("expired ")));
}

#[test]
fn stdin_with_an_authorization_header_is_read_with_dash() {
    let input = format!("GET / HTTP/1.1\r\nAuthorization: Bearer {}\r\n\r\n", vector("rfc7515_a1_hs256"));
    let output = run(&["inspect", "-", "--secret", "wrong", "--now", BEFORE_EXP, "--json"], Some(&input));
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["signature"]["status"], "invalid");
    assert_eq!(report["signature"]["reason"], "signature does not match the key");
    assert_eq!(report["input"]["candidates"][0]["context"], "Authorization header");
}

#[test]
fn unreadable_input_is_rejected_at_the_first_step_with_the_specific_error() {
    let output = run(&["inspect", "abc.d*ef", "--json"], None);
    assert_eq!(output.status.code(), Some(1), "rejected; 2 is for unusable arguments");
    let report = json(&output);
    assert_eq!(report["kind"], "invalid");
    assert!(report["errors"][0]["message"].as_str().is_some_and(|m| m.ends_with("this text has 2")));
    assert_eq!(report["verdict"]["outcome"], "rejected");
    assert_eq!(report["verdict"]["first_failure"], "structure");
    assert_eq!(report["alg"], serde_json::Value::Null, "a value, not a display word");
    assert_eq!(report["time"]["status"], "n/a");
}

#[test]
fn the_json_verdict_lists_the_steps_in_order_with_the_first_failure() {
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let output = run(&["inspect", &vector("rfc7515_a1_hs256"), "--key", &key, "--now", "1400000000", "--json"], None);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let verdict = &report["verdict"];
    assert_eq!(verdict["outcome"], "rejected");
    assert_eq!(verdict["first_failure"], "time");
    let steps: Vec<&str> = verdict["steps"].as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(steps, ["structure", "algorithm", "signature", "time", "expectations"]);
    assert_eq!(verdict["steps"][2]["status"], "passed");
    assert_eq!(verdict["steps"][2]["cause"], "verified");
    assert_eq!(verdict["steps"][3]["cause"], "expired");
    assert!(verdict["steps"][3]["detail"].as_str().unwrap().starts_with("expired 3 y"));
    assert_eq!(report["passed"], false);
}

#[test]
fn a_key_file_of_an_unsupported_type_is_listed_and_the_report_still_printed() {
    let ed448 = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keys/ed448.pub.pem");
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let token = vector("rfc7515_a1_hs256");
    let output = run(&["inspect", &token, "--key", ed448, "--key", &key, "--now", BEFORE_EXP, "--json"], None);
    assert_eq!(output.status.code(), Some(0), "the other key verifies: {}", String::from_utf8_lossy(&output.stderr));
    let report = json(&output);
    assert_eq!(report["unusable_keys"][0]["source"], "ed448.pub.pem");
    assert!(report["unusable_keys"][0]["error"].as_str().unwrap().starts_with("Ed448 is not supported yet"));
    let output = run(&["inspect", &token, "--key", ed448, "--now", BEFORE_EXP], None);
    assert_eq!(output.status.code(), Some(1), "undecided");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Unusable keys:") && text.contains("Ed448"), "{text}");
}

#[test]
fn a_token_made_with_a_publicly_known_secret_is_verified_without_a_key() {
    // RFC 7515 A.1's key is not in the list; jwt.io's default secret is.
    let output =
        run(&["sign", "--alg", "HS256", "--secret", "your-256-bit-secret", "--payload", r#"{"sub":"1"}"#], None);
    let token = String::from_utf8(output.stdout).unwrap();
    let output = run(&["inspect", token.trim(), "--json"], None);
    let report = json(&output);
    assert_eq!(report["signature"]["status"], "valid");
    assert_eq!(report["signature"]["cause"], "known-secret");
    assert_eq!(report["signature"]["key"]["origin"], "known-secret");
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["id"] == "weak-secret" && f["severity"] == "high"));
    assert_eq!(report["verdict"]["high_findings"], 1);
}

#[test]
fn bad_arguments_and_unreadable_keys_exit_2() {
    assert_eq!(run(&["inspect", "x", "--leeway", "abc"], None).status.code(), Some(2));
    let output = run(&["inspect", &vector("rfc7515_a1_hs256"), "--key", "/nonexistent/key.pem"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read key file /nonexistent/key.pem"));
    let output = run(&["inspect", &vector("rfc7515_a1_hs256"), "--secret", "zz", "--secret-encoding", "hex"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the secret is not valid hex"));
}

#[test]
fn a_negative_leeway_is_refused_by_every_subcommand_that_takes_one() {
    let token = vector("rfc7515_a1_hs256");
    for args in [&["inspect", token.as_str(), "--leeway=-5"][..], &["verify", "--batch", "--leeway=-5"][..]] {
        let output = run(args, Some(""));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--leeway must not be negative"), "{args:?}");
    }
}

#[test]
fn expectations_become_checks() {
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let token = vector("rfc7515_a1_hs256");
    let output =
        run(&["inspect", &token, "--key", &key, "--now", BEFORE_EXP, "--iss", "joe", "--alg", "HS256", "--json"], None);
    assert_eq!(output.status.code(), Some(0));
    let output = run(
        &["inspect", &token, "--key", &key, "--now", BEFORE_EXP, "--iss", "mallory", "--aud", "api", "--json"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["checks"][0]["message"], "iss is \"joe\", but \"mallory\" was expected");
    assert_eq!(report["checks"][1]["message"], "the token has no aud claim, but audience \"api\" was expected");
}

#[test]
fn human_output_names_segments_verdict_and_time_without_colour_when_piped() {
    let key = format!("{RFC}rfc8037_a4_eddsa.pub.jwk.json");
    let output = run(&["inspect", &vector("rfc8037_a4_eddsa"), "--key", &key], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Signature (EdDSA, 64 bytes): ✔ verified — signature verified with Ed25519"), "{text}");
    // The verdict and its checklist come first, in the order a server runs it.
    assert!(text.starts_with("✔ Accepted\n  ✔ 1. The token can be read"), "{text}");
    assert!(text.contains("  – 4. The time is right — no claims to judge"), "{text}");
    assert!(text.contains("Payload (text that is not JSON)"), "{text}");
    assert!(text.contains("Example of Ed25519 signing"), "{text}");
    assert!(!text.contains('\x1b'), "no ANSI codes when stdout is not a terminal");
    let coloured = run(&["inspect", &vector("rfc8037_a4_eddsa"), "--color", "always"], None);
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[38;5;204m"), "header segment in red-pink");
}

#[test]
fn verify_batch_writes_one_json_line_per_input_line_in_order() {
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let token = vector("rfc7515_a1_hs256");
    let mut input = String::new();
    for i in 0..50 {
        if i % 7 == 3 {
            input.push_str("Authorization: Bearer ");
        }
        input.push_str(&token);
        input.push('\n');
    }
    input.push_str("not a token\n");
    let output = run(&["verify", "--batch", "--key", &key, "--now", BEFORE_EXP, "--threads", "2"], Some(&input));
    assert_eq!(output.status.code(), Some(1), "one line fails");
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 51);
    for (i, line) in lines.iter().enumerate().take(50) {
        assert_eq!(line["line"], i + 1);
        assert_eq!(line["signature"], "valid");
        assert_eq!(line["time"], "valid");
    }
    assert_eq!(lines[50]["error"], "no token on this line");
    assert!(String::from_utf8_lossy(&output.stderr).contains("51 tokens, 50 passed, 1 failed"));
    // All valid: exit 0.
    let all_valid = format!("{token}\n").repeat(10);
    assert_eq!(
        run(&["verify", "--batch", "--key", &key, "--now", BEFORE_EXP], Some(&all_valid)).status.code(),
        Some(0)
    );
}

/// The JSON lines of a batch's output.
fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .expect("the output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn verify_batch_answers_every_line_of_a_log_with_a_latin1_line() {
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let token = vector("rfc7515_a1_hs256");
    let mut input = Vec::new();
    for n in 1..=7 {
        if n == 4 {
            input.extend_from_slice(b"2011-03-22 user=caf\xe9 signed in\n");
        } else {
            input.extend_from_slice(format!("2011-03-22 user=bob token={token}\n").as_bytes());
        }
    }
    let output = run_bytes(&["verify", "--batch", "--key", &key, "--now", BEFORE_EXP], Some(&input));
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 7);
    for (n, line) in (1..).zip(&lines) {
        assert_eq!(line["line"], n);
        if n == 4 {
            assert_eq!(line["error"], "no token on this line");
            assert_eq!(line["input_utf8"], false);
            assert_eq!(line["utf8_error_offset"], 19);
        } else {
            assert_eq!(line["signature"], "valid");
            assert!(line.get("input_utf8").is_none(), "{line}");
        }
    }
    assert!(String::from_utf8_lossy(&output.stderr).contains("7 tokens, 6 passed, 1 failed"));
}

#[test]
fn verify_batch_answers_ten_thousand_lines_of_junk_blanks_crlf_and_a_2mb_line_in_order() {
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let token = vector("rfc7515_a1_hs256");
    let mut input = Vec::new();
    let mut expected_tokens = 0;
    for n in 1..=10_000 {
        match n % 8 {
            _ if n == 5_001 => input.extend(b"AbC+/".iter().cycle().take(2 << 20)),
            0 | 4 => {
                input.extend_from_slice(format!("Authorization: Bearer {token}").as_bytes());
                expected_tokens += 1;
            }
            2 | 6 => {
                input.extend_from_slice(token.as_bytes());
                expected_tokens += 1;
            }
            1 => input.extend_from_slice(b"\xff\xfe junk \xc3( bytes"),
            3 => {}
            _ => input.extend_from_slice(b"an ordinary log line"),
        }
        input.extend_from_slice(if n % 3 == 0 { b"\r\n" } else { b"\n" });
    }
    let output = run_bytes(&["verify", "--batch", "--key", &key, "--now", BEFORE_EXP, "--threads", "2"], Some(&input));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 10_000, "one line out per line in");
    for (n, line) in (1..).zip(&lines) {
        assert_eq!(line["line"], n, "in order");
        let has_token = n % 2 == 0;
        assert_eq!(line["signature"] == "valid", has_token, "{line}");
        assert_eq!(line.get("input_utf8").is_some(), n % 8 == 1 && n != 5_001, "{line}");
    }
    // The totals on stderr are the sums of the lines on stdout.
    let mut counts = std::collections::BTreeMap::new();
    for line in &lines {
        for kind in ["signature", "time", "verdict"] {
            *counts.entry(format!("{kind} {}", line[kind].as_str().expect("status"))).or_insert(0) += 1;
        }
    }
    let counts: Vec<String> = counts.iter().map(|(status, n)| format!("{status}: {n}")).collect();
    let failed = 10_000 - expected_tokens;
    let totals = format!("10000 tokens, {expected_tokens} passed, {failed} failed ({}) in ", counts.join(", "));
    assert!(stderr.contains(&totals), "{stderr} lacks {totals}");
}

#[test]
fn inspect_reads_bytes_that_are_not_utf8_lossily_and_says_so() {
    let input = format!("Authorization: Bearer {}\n", vector("rfc7515_a1_hs256")).into_bytes();
    let mut latin1 = b"user=caf\xe9 ".to_vec();
    latin1.extend_from_slice(&input);
    let output = run_bytes(&["inspect", "-", "--json"], Some(&latin1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(
            "jwt-inspector: note: the input is not UTF-8 (first invalid byte at offset 8); it was read with U+FFFD replacements"
        ),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(json(&output)["alg"], "HS256");
    let file = std::env::temp_dir().join(format!("jwt-inspector-latin1-{}.txt", std::process::id()));
    std::fs::write(&file, &latin1).expect("temporary file");
    let from_file = run(&["inspect", &format!("@{}", file.display()), "--json"], None);
    std::fs::remove_file(&file).expect("removed");
    assert!(String::from_utf8_lossy(&from_file.stderr).contains("(first invalid byte at offset 8)"));
    assert_eq!(json(&from_file)["alg"], "HS256");
    let clean = run_bytes(&["inspect", "-", "--json"], Some(&input));
    assert!(!String::from_utf8_lossy(&clean.stderr).contains("not UTF-8"));
}

#[test]
fn crack_finds_a_known_secret_a_wordlist_secret_and_says_when_none_verifies() {
    let sign = |secret: &str| {
        let output = run(&["sign", "--alg", "HS256", "--secret", secret, "--payload", r#"{"sub":"1"}"#], None);
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    };
    // In the built-in list.
    let output = run(&["crack", &sign("your-256-bit-secret")], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "your-256-bit-secret\n");
    // Only in the wordlist, whose other lines are not UTF-8: searched byte for byte.
    let dir = std::env::temp_dir().join(format!("jwt-inspector-crack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wordlist = dir.join("words.txt");
    std::fs::write(&wordlist, b"caf\xe9\r\nnot it\nmy very own secret 42\n").unwrap();
    let token = sign("my very own secret 42");
    let output = run(&["crack", &token, "--wordlist", wordlist.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "my very own secret 42\n");
    // Not anywhere: exit 1 and how many were tried.
    let output = run(&["crack", &token], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("none of 103781 secrets verifies"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Not an HMAC token: an argument error.
    let output = run(&["crack", &vector("rfc7515_a2_rs256")], None);
    assert_eq!(output.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The README's `--json` schema table and the typed report agree: every field the report
/// prints is documented, and every documented field is printed (for a report that has them).
#[test]
fn the_readme_json_schema_matches_the_report() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme.split("### `--json` schema").nth(1).unwrap().split("\n### ").next().unwrap();
    let mut documented = std::collections::BTreeSet::new();
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        for field in row.split('|').nth(1).unwrap().split('`').skip(1).step_by(2) {
            // "signature.key" → ("signature", "key"); "checks[]" → ("checks", "").
            let field = field.replace("[]", "");
            let mut parts = field.splitn(2, '.');
            let top = parts.next().unwrap().to_owned();
            documented.insert((top, parts.next().unwrap_or("").to_owned()));
        }
    }
    // A report with every optional part: a key, a finding, a check, a time claim.
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let output = run(
        &["inspect", &vector("rfc7515_a1_hs256"), "--key", &key, "--now", BEFORE_EXP, "--iss", "joe", "--json"],
        None,
    );
    let report = json(&output);
    let object = report.as_object().unwrap();
    for (name, value) in object {
        assert!(
            documented.iter().any(|(top, _)| top == name),
            "the report prints {name}, the README does not document it"
        );
        if let Some(inner) =
            value.as_object().filter(|_| ["signature", "time", "verdict", "input"].contains(&name.as_str()))
        {
            for sub in inner.keys() {
                let known = documented.contains(&(name.clone(), sub.clone()));
                assert!(
                    known || (name == "time" && ["exp", "iat", "nbf", "auth_time"].contains(&sub.as_str())),
                    "{name}.{sub} is not documented"
                );
            }
        }
    }
    for (top, sub) in &documented {
        let value = object.get(top).unwrap_or_else(|| panic!("the README documents {top}, the report lacks it"));
        if !sub.is_empty() && !["exp", "nbf", "iat", "auth_time", "invalid_claim"].contains(&sub.as_str()) {
            assert!(value.get(sub).is_some(), "the README documents {top}.{sub}, the report lacks it");
        }
    }
}

/// The README's table of a `verify --batch` line and the typed batch line agree: the same
/// fields in the same order (the order is part of the contract), the UTF-8-only ones only on
/// a line that is not UTF-8, and `first_failure`'s members as the table gives them.
#[test]
fn the_readme_batch_line_fields_match_the_batch_line() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme.split("### `verify --batch` lines").nth(1).unwrap().split("\n### ").next().unwrap();
    let (mut documented, mut not_utf8_only, mut first_failure) = (Vec::new(), Vec::new(), Vec::new());
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').collect();
        let fields: Vec<String> = cells[1].split('`').skip(1).step_by(2).map(str::to_owned).collect();
        if fields == ["first_failure"] {
            // "`{step, cause, detail}` \| null" → step, cause, detail.
            let members = cells[2].trim().trim_start_matches("`{").split('}').next().unwrap();
            first_failure = members.split(", ").map(str::to_owned).collect();
        }
        if cells[3].contains("only on a line that is not UTF-8") {
            not_utf8_only.extend(fields.iter().cloned());
        }
        documented.extend(fields);
    }
    assert!(!not_utf8_only.is_empty() && !first_failure.is_empty(), "{table}");
    // An expired token (so `first_failure` is an object), then a line that is not UTF-8.
    let key = format!("{RFC}rfc7515_a1_hs256.oct.jwk.json");
    let mut input = format!("{}\n", vector("rfc7515_a1_hs256")).into_bytes();
    input.extend_from_slice(b"caf\xe9\n");
    let output = run_bytes(&["verify", "--batch", "--key", &key, "--now", "1400000000"], Some(&input));
    let lines = json_lines(&output);
    let keys = |value: &serde_json::Value| value.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let utf8_fields: Vec<String> = documented.iter().filter(|f| !not_utf8_only.contains(f)).cloned().collect();
    assert_eq!(keys(&lines[0]), utf8_fields, "a UTF-8 line's fields, in order");
    assert_eq!(keys(&lines[0]["first_failure"]), first_failure);
    assert_eq!(lines[0]["first_failure"]["step"], "time");
    assert_eq!(keys(&lines[1]), documented, "a line that is not UTF-8 has every field, in order");
}

#[test]
fn sign_and_inspect_work_with_es256k_ed25519_and_ml_dsa() {
    let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keys/");
    let dir = std::env::temp_dir().join(format!("jwt-inspector-cli-algs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let output = run(&["keygen", "--type", "ml-dsa-44", "--out-dir", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let ml_dsa = (dir.join("ml-dsa-44.private.pem"), dir.join("ml-dsa-44.public.pem"));
    let cases = [
        ("ES256K", format!("{keys}secp256k1.pkcs8.pem"), format!("{keys}secp256k1.pub.pem"), "EC secp256k1"),
        ("Ed25519", format!("{keys}ed25519.pkcs8.pem"), format!("{keys}ed25519.pub.pem"), "Ed25519"),
        ("ML-DSA-44", ml_dsa.0.display().to_string(), ml_dsa.1.display().to_string(), "ML-DSA-44"),
    ];
    for (alg, private, public, key_type) in cases {
        let output = run(&["sign", "--alg", alg, "--key", &private, "--payload", r#"{"sub":"1"}"#], None);
        assert_eq!(output.status.code(), Some(0), "{alg}: {}", String::from_utf8_lossy(&output.stderr));
        let token = String::from_utf8(output.stdout).unwrap();
        let report = json(&run(&["inspect", token.trim(), "--key", &public, "--json"], None));
        assert_eq!(report["alg"], alg);
        assert_eq!(report["signature"]["status"], "valid", "{alg}: {}", report["signature"]);
        assert_eq!(report["signature"]["key"]["type"], key_type);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
