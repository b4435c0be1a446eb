//! `encrypt`: what it makes, `inspect --key` decrypts; what it cannot make, it refuses with
//! exit code 2.

use super::run;

const KEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keys/");
const PAYLOAD: &str = r#"{"sub":"encrypted by the cli","exp":4102444800}"#;

fn encrypt(args: &[&str]) -> String {
    let output = run(&[&["encrypt"], args, &["--payload", PAYLOAD]].concat(), None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf8").trim().to_owned()
}

fn inspect_shows_decrypted_payload(token: &str, key_args: &[&str]) {
    let output = run(&[&["inspect", token, "--color", "never"], key_args].concat(), None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("decrypted"), "{text}");
    assert!(text.contains("encrypted by the cli"), "{text}");
    assert_eq!(output.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn encrypted_tokens_decrypt_in_inspect_with_the_recipients_key() {
    let public = format!("{KEYS}rsa2048.pub.pem");
    let private = format!("{KEYS}rsa2048.pkcs8.pem");
    let token = encrypt(&["--alg", "RSA-OAEP-256", "--enc", "A256GCM", "--key", &public]);
    assert_eq!(token.split('.').count(), 5, "{token}");
    inspect_shows_decrypted_payload(&token, &["--key", &private]);

    let (public, private) = (format!("{KEYS}ecp384.pub.pem"), format!("{KEYS}ecp384.pkcs8.pem"));
    let header = r#"{"alg":"ECDH-ES+A192KW","enc":"A128CBC-HS256","kid":"cli"}"#;
    let token = encrypt(&["--alg", "ECDH-ES+A192KW", "--enc", "A128CBC-HS256", "--key", &public, "--header", header]);
    inspect_shows_decrypted_payload(&token, &["--key", &private]);

    let password = ["--secret", "correct horse battery staple"];
    let token = encrypt(&[&["--alg", "PBES2-HS256+A128KW", "--enc", "A128GCM"][..], &password].concat());
    inspect_shows_decrypted_payload(&token, &password);
}

#[test]
fn encrypt_refuses_rsa1_5_and_a_header_that_disagrees() {
    let public = format!("{KEYS}rsa2048.pub.pem");
    let output = run(&["encrypt", "--alg", "RSA1_5", "--enc", "A128GCM", "--key", &public, "--payload", "{}"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("padding-oracle"));
    let header = r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#;
    let args = ["encrypt", "--alg", "RSA-OAEP-256", "--enc", "A128GCM", "--key", &public, "--header", header];
    let output = run(&[&args[..], &["--payload", "{}"]].concat(), None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("must say"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
