//! JWE decryption next to its floor (`cargo bench --bench jwe`): a 1 KB JSON plaintext as
//! `dir` / A256GCM and as RSA-OAEP-256 / A256GCM (RSA 2048), decrypted through
//! `jwe::decrypt` (header, key choice, CEK, AAD, tag) next to a bare aws-lc-rs loop of the
//! same primitives on the same bytes (RSA-OAEP-256 unwrap of the CEK, AES-256-GCM open).

#![allow(clippy::expect_used, reason = "a benchmark fails loudly")]

use std::sync::LazyLock;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::rsa::{OAEP_SHA256_MGF1SHA256, OaepPrivateDecryptingKey, OaepPublicEncryptingKey, PrivateDecryptingKey};
use base64::Engine as _;
use divan::{Bencher, black_box};
use jwt_inspector::jose::keys::{self, Key, SecretEncoding};
use jwt_inspector::jose::token::{self, Token};
use jwt_inspector::jose::{base64url, jwe};

fn main() {
    divan::main();
}

const CEK: [u8; 32] = [7; 32];
const IV: [u8; 12] = [3; 12];
const RSA_PEM: &str = include_str!("../tests/keys/rsa2048.pkcs8.pem");

fn plaintext() -> Vec<u8> {
    let filler = "x".repeat(1_000 - 80);
    format!(r#"{{"iss":"bench","sub":"s","aud":"a","exp":1795352400,"data":"{filler}"}}"#).into_bytes()
}

fn rsa_der() -> Vec<u8> {
    let body: String = RSA_PEM.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(body).expect("pem")
}

/// A compact JWE of the plaintext under `CEK`, with this header and encrypted key.
fn seal(header: &str, encrypted_key: &[u8]) -> (String, Vec<u8>, Vec<u8>) {
    let header = base64url::encode(header);
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &CEK).expect("key"));
    let mut in_out = plaintext();
    let tag = key
        .seal_in_place_separate_tag(Nonce::assume_unique_for_key(IV), Aad::from(header.as_bytes()), &mut in_out)
        .expect("seal");
    let compact = format!(
        "{header}.{}.{}.{}.{}",
        base64url::encode(encrypted_key),
        base64url::encode(IV),
        base64url::encode(&in_out),
        base64url::encode(tag.as_ref())
    );
    (compact, in_out, tag.as_ref().to_vec())
}

struct Case {
    token: Token,
    keys: Vec<Key>,
    aad: String,
    ciphertext_and_tag: Vec<u8>,
    encrypted_key: Vec<u8>,
}

fn case(name: &str) -> Case {
    let (header, encrypted_key, keys) = if name == "dir" {
        let key = keys::secret_from_text(&base64url::encode(CEK), SecretEncoding::Base64Url, "cek").expect("cek");
        (r#"{"alg":"dir","enc":"A256GCM"}"#, Vec::new(), vec![key])
    } else {
        let private = PrivateDecryptingKey::from_pkcs8(&rsa_der()).expect("rsa");
        let public = OaepPublicEncryptingKey::new(private.public_key()).expect("public");
        let mut out = vec![0u8; public.ciphertext_size()];
        let wrapped = public.encrypt(&OAEP_SHA256_MGF1SHA256, &CEK, &mut out, None).expect("encrypt").to_vec();
        let key = keys::load(RSA_PEM.as_bytes(), "rsa").expect("key").keys;
        (r#"{"alg":"RSA-OAEP-256","enc":"A256GCM"}"#, wrapped, key)
    };
    let (compact, ciphertext, tag) = seal(header, &encrypted_key);
    let token = token::parse(&compact).expect("parse");
    let aad = compact.split('.').next().expect("header").to_owned();
    Case { token, keys, aad, ciphertext_and_tag: [ciphertext, tag].concat(), encrypted_key }
}

static CASES: LazyLock<Vec<(&'static str, Case)>> =
    LazyLock::new(|| ["dir", "RSA-OAEP-256"].into_iter().map(|n| (n, case(n))).collect());

fn get(name: &str) -> &'static Case {
    CASES.iter().find(|(n, _)| *n == name).map(|(_, c)| c).expect("case")
}

/// `jwe::decrypt` on a parsed 1 KB JWE.
#[divan::bench(args = ["dir", "RSA-OAEP-256"])]
fn decrypt(bencher: Bencher<'_, '_>, name: &str) {
    let case = get(name);
    bencher.bench(|| jwe::decrypt(black_box(&case.token), &case.keys).expect("decrypts"));
}

/// The floor: the same primitives bare (the CEK unwrapped with RSA-OAEP-256 when there is
/// one, then AES-256-GCM opened in place).
#[divan::bench(args = ["dir", "RSA-OAEP-256"])]
fn floor_bare_primitives(bencher: Bencher<'_, '_>, name: &str) {
    let case = get(name);
    let rsa = (name != "dir").then(|| {
        OaepPrivateDecryptingKey::new(PrivateDecryptingKey::from_pkcs8(&rsa_der()).expect("rsa")).expect("oaep")
    });
    bencher.bench(|| {
        let cek = match &rsa {
            Some(rsa) => {
                let mut out = vec![0u8; rsa.min_output_size()];
                rsa.decrypt(&OAEP_SHA256_MGF1SHA256, black_box(&case.encrypted_key), &mut out, None)
                    .expect("unwrap")
                    .to_vec()
            }
            None => CEK.to_vec(),
        };
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &cek).expect("key"));
        let mut in_out = case.ciphertext_and_tag.clone();
        key.open_in_place(Nonce::assume_unique_for_key(IV), Aad::from(case.aad.as_bytes()), &mut in_out)
            .expect("open")
            .len()
    });
}
