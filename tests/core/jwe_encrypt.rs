//! JWE encryption round trips: for every (alg, enc) pair `jwe::encrypt` makes, `jwe::decrypt`
//! gives the plaintext back with the recipient's key, and a wrong key fails at the unwrap or
//! the tag. (Beside `jwe.rs`, which holds decryption and is near the file-length limit.)

use jwt_inspector::jose::alg::Curve;
use jwt_inspector::jose::base64url;
use jwt_inspector::jose::jwe::{self, AesSize, ContentEnc, DEFAULT_P2C, JweError, KeyAlg};
use jwt_inspector::jose::keygen::{self, KeyKind};
use jwt_inspector::jose::keys::{self, Key, SecretEncoding};
use jwt_inspector::jose::token;

use crate::common;

const PLAINTEXT: &[u8] = r#"{"sub":"round trip","name":"Zoë","n":1e20}"#.as_bytes();

fn oct(bytes: &[u8]) -> Key {
    keys::secret_from_text(&base64url::encode(bytes), SecretEncoding::Base64Url, "oct").expect("key")
}

fn every_enc() -> Vec<ContentEnc> {
    [AesSize::A128, AesSize::A192, AesSize::A256]
        .into_iter()
        .flat_map(|size| [ContentEnc::Gcm(size), ContentEnc::CbcHmac(size)])
        .collect()
}

fn decrypt(compact: &str, key: &Key) -> Result<jwe::Decrypted, JweError> {
    jwe::decrypt(&token::parse(compact).expect("five segments"), std::slice::from_ref(key))
}

/// The protected header of a compact JWE, as JSON.
fn header_of(compact: &str) -> serde_json::Value {
    let segment = compact.split('.').next().expect("header");
    serde_json::from_slice(&base64url::decode(segment).expect("base64url").bytes).expect("json")
}

/// One recipient: the key to encrypt to, the key that decrypts, and a wrong one of the same kind.
struct Recipient {
    alg: KeyAlg,
    to: Key,
    with: Key,
    wrong: Key,
    /// Extra header members (a small PBES2 count keeps the tests fast).
    extra: &'static str,
}

fn recipients() -> Vec<Recipient> {
    use AesSize::{A128, A192, A256};
    let mut all = Vec::new();
    for size in [A128, A192, A256] {
        let kek: Vec<u8> = (1u8..).take(size.bytes()).collect();
        let wrong: Vec<u8> = (2u8..).take(size.bytes()).collect();
        for alg in [KeyAlg::AesKw(size), KeyAlg::AesGcmKw(size)] {
            all.push(Recipient { alg, to: oct(&kek), with: oct(&kek), wrong: oct(&wrong), extra: "" });
        }
        let password = common::secret("correct horse battery staple");
        let wrong = common::secret("incorrect horse battery staple");
        all.push(Recipient {
            alg: KeyAlg::Pbes2(size),
            to: password.clone(),
            with: password,
            wrong,
            extra: r#","p2c":1000"#,
        });
    }
    let rsa = || common::key("keys/rsa2048.pkcs8.pem");
    let other_rsa = || common::keys_in("vectors/rfc-next/rfc7520_5_2.jwk.json").remove(0);
    for alg in [KeyAlg::RsaOaep, KeyAlg::RsaOaep256] {
        all.push(Recipient {
            alg,
            to: common::key("keys/rsa2048.pub.pem"),
            with: rsa(),
            wrong: other_rsa(),
            extra: "",
        });
    }
    for (curve, stem) in [(Curve::P256, "ecp256"), (Curve::P384, "ecp384"), (Curve::P521, "ecp521")] {
        for alg in [KeyAlg::EcdhEs, KeyAlg::EcdhEsKw(A128), KeyAlg::EcdhEsKw(A192), KeyAlg::EcdhEsKw(A256)] {
            all.push(Recipient {
                alg,
                to: common::key(&format!("keys/{stem}.pub.pem")),
                with: common::key(&format!("keys/{stem}.pkcs8.pem")),
                wrong: keygen::generate(KeyKind::Ec(curve)).expect("keygen").key,
                extra: "",
            });
        }
    }
    all
}

#[test]
fn every_alg_and_enc_round_trips_and_a_wrong_key_fails_at_the_unwrap_or_the_tag() {
    let mut pairs = 0;
    for recipient in recipients() {
        for enc in every_enc() {
            let (alg, name) = (recipient.alg, format!("{} {}", recipient.alg.name(), enc.name()));
            let header = format!(r#"{{"alg":"{}","enc":"{}"{}}}"#, alg.name(), enc.name(), recipient.extra);
            let compact = jwe::encrypt(&header, PLAINTEXT, &recipient.to).unwrap_or_else(|e| panic!("{name}: {e}"));
            let decrypted = decrypt(&compact, &recipient.with).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(decrypted.plaintext, PLAINTEXT, "{name}");
            assert_eq!((decrypted.alg, decrypted.enc), (alg, enc), "{name}");
            let error = decrypt(&compact, &recipient.wrong).expect_err(&name);
            assert!(
                matches!(&error, JweError::UnwrapFailed(a) if *a == alg) || error == JweError::TagMismatch(enc),
                "{name}: {error:?}"
            );
            pairs += 1;
        }
    }
    // 3 AES-KW, 3 GCMKW, 3 PBES2, 2 RSA-OAEP, 4 ECDH-ES on each of 3 curves; `dir` has its own test.
    assert_eq!(pairs, 23 * 6);
}

#[test]
fn dir_round_trips_every_content_encryption_and_a_short_key_is_refused() {
    for enc in every_enc() {
        let cek: Vec<u8> = (0u8..).take(enc.key_len()).collect();
        let header = format!(r#"{{"alg":"dir","enc":"{}"}}"#, enc.name());
        let compact = jwe::encrypt(&header, PLAINTEXT, &oct(&cek)).expect("encrypts");
        assert_eq!(decrypt(&compact, &oct(&cek)).expect("decrypts").plaintext, PLAINTEXT, "{}", enc.name());
        let mut wrong = cek.clone();
        wrong[0] ^= 1;
        assert_eq!(decrypt(&compact, &oct(&wrong)), Err(JweError::TagMismatch(enc)), "{}", enc.name());
        let error = jwe::encrypt(&header, PLAINTEXT, &oct(&cek[1..])).expect_err("short key");
        assert_eq!(error, JweError::CekLength { enc, expected: enc.key_len(), found: enc.key_len() - 1 });
    }
}

#[test]
fn the_header_is_kept_as_given_with_the_members_the_algorithm_adds() {
    let header = r#"{"alg":"ECDH-ES+A128KW", "enc":"A128GCM","kid":"k1","apu":"QWxpY2U"}"#;
    let compact = jwe::encrypt(header, PLAINTEXT, &common::key("keys/ecp256.pub.pem")).expect("encrypts");
    let segment = compact.split('.').next().expect("header");
    let text = String::from_utf8(base64url::decode(segment).expect("b64").bytes).expect("utf8");
    assert!(
        text.starts_with(r#"{"alg":"ECDH-ES+A128KW", "enc":"A128GCM","kid":"k1","apu":"QWxpY2U","epk":{"#),
        "{text}"
    );
    assert_eq!(header_of(&compact)["epk"]["crv"], "P-256");
    let decrypted =
        decrypt(&compact, &common::key("keys/ecp256.pkcs8.pem")).expect("apu reaches the KDF on both sides");
    assert_eq!(decrypted.plaintext, PLAINTEXT);

    let gcmkw = jwe::encrypt(r#"{"alg":"A256GCMKW","enc":"A256GCM"}"#, PLAINTEXT, &oct(&[3; 32])).expect("encrypts");
    let members = header_of(&gcmkw);
    assert_eq!(base64url::decode(members["iv"].as_str().expect("iv")).expect("b64").bytes.len(), 12);
    assert_eq!(base64url::decode(members["tag"].as_str().expect("tag")).expect("b64").bytes.len(), 16);
    // dir and ECDH-ES carry no encrypted key.
    let dir = jwe::encrypt(r#"{"alg":"dir","enc":"A128GCM"}"#, PLAINTEXT, &oct(&[3; 16])).expect("encrypts");
    assert_eq!(dir.split('.').nth(1), Some(""));
}

#[test]
fn pbes2_gets_a_random_salt_and_the_default_count_unless_the_header_gives_them() {
    let password = common::secret("a password");
    let header = r#"{"alg":"PBES2-HS256+A128KW","enc":"A128CBC-HS256"}"#;
    let first = jwe::encrypt(header, PLAINTEXT, &password).expect("encrypts");
    let second = jwe::encrypt(header, PLAINTEXT, &password).expect("encrypts");
    let (first_header, second_header) = (header_of(&first), header_of(&second));
    assert_eq!(first_header["p2c"], DEFAULT_P2C);
    assert_eq!(base64url::decode(first_header["p2s"].as_str().expect("p2s")).expect("b64").bytes.len(), 16);
    assert_ne!(first_header["p2s"], second_header["p2s"]);
    assert_eq!(decrypt(&first, &password).expect("decrypts").plaintext, PLAINTEXT);

    let given = r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"c2FsdHNhbHRzYWx0","p2c":2000}"#;
    let compact = jwe::encrypt(given, PLAINTEXT, &password).expect("encrypts");
    assert_eq!(header_of(&compact)["p2c"], 2000);
    assert_eq!(header_of(&compact)["p2s"], "c2FsdHNhbHRzYWx0");
    let over = r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":2000000}"#;
    assert_eq!(jwe::encrypt(over, PLAINTEXT, &password), Err(JweError::P2cOverCap { p2c: 2_000_000 }));
}

#[test]
fn fresh_randomness_makes_every_token_different() {
    let key = oct(&[5; 16]);
    let header = r#"{"alg":"A128KW","enc":"A128GCM"}"#;
    let one = jwe::encrypt(header, PLAINTEXT, &key).expect("encrypts");
    let two = jwe::encrypt(header, PLAINTEXT, &key).expect("encrypts");
    let segments = |t: &str| t.split('.').map(str::to_owned).collect::<Vec<_>>();
    let (one, two) = (segments(&one), segments(&two));
    assert_eq!(one[0], two[0]);
    for index in 1..5 {
        assert_ne!(one[index], two[index], "segment {index}");
    }
}

#[test]
fn zip_def_is_deflated_and_inflates_back() {
    let plaintext = "the same words again and again. ".repeat(64);
    let header = r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#;
    let compact = jwe::encrypt(header, plaintext.as_bytes(), &oct(&[6; 32])).expect("encrypts");
    let ciphertext = base64url::decode(compact.split('.').nth(3).expect("ciphertext")).expect("b64").bytes;
    assert!(ciphertext.len() < plaintext.len() / 4, "{} bytes", ciphertext.len());
    let decrypted = decrypt(&compact, &oct(&[6; 32])).expect("decrypts");
    assert!(decrypted.compressed);
    assert_eq!(decrypted.plaintext, plaintext.as_bytes());
}

#[test]
fn rsa1_5_a_wrong_kind_of_key_and_members_the_algorithm_adds_are_refused() {
    let rsa = common::key("keys/rsa2048.pub.pem");
    let error = jwe::encrypt(r#"{"alg":"RSA1_5","enc":"A128GCM"}"#, PLAINTEXT, &rsa).expect_err("legacy");
    assert_eq!(error, JweError::Rsa1_5Refused);
    assert!(error.to_string().contains("padding-oracle"), "{error}");
    let error = jwe::encrypt(r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#, PLAINTEXT, &oct(&[1; 16])).expect_err("secret");
    assert_eq!(error, JweError::NoFittingKey(KeyAlg::RsaOaep));
    let error = jwe::encrypt(r#"{"alg":"ECDH-ES","enc":"A128GCM"}"#, PLAINTEXT, &rsa).expect_err("rsa for ecdh");
    assert_eq!(error, JweError::NoFittingKey(KeyAlg::EcdhEs));
    let error = jwe::encrypt(r#"{"alg":"A128KW","enc":"A128GCM"}"#, PLAINTEXT, &oct(&[1; 32])).expect_err("long kek");
    assert_eq!(error, JweError::KeyLength { alg: KeyAlg::AesKw(AesSize::A128), expected: 16, found: 32 });
    let with_iv = r#"{"alg":"A128GCMKW","enc":"A128GCM","iv":"AAAAAAAAAAAAAAAA"}"#;
    assert_eq!(jwe::encrypt(with_iv, PLAINTEXT, &oct(&[1; 16])), Err(JweError::MemberAdded("iv", "GCMKW")));
    assert_eq!(jwe::encrypt("[1]", PLAINTEXT, &rsa), Err(JweError::HeaderNotJson));
    let no_enc = jwe::encrypt(r#"{"alg":"dir"}"#, PLAINTEXT, &oct(&[1; 16])).expect_err("no enc");
    assert_eq!(no_enc.to_string(), r#"the header member "enc" is missing"#);
}
