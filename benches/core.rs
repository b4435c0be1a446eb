//! The core's speed next to its floors (`cargo bench --bench core`):
//! - inspection (extract + decode + findings + timeline, no key) of tokens with 1 KB, 100 KB
//!   and 1 MB payloads, next to base64url-decoding and serde_json-parsing the same payload;
//! - signature verification per algorithm family through the inspector's verifier, next to
//!   a bare `jsonwebtoken::crypto::verify` (aws-lc-rs for ES512) on the same token and key;
//! - `verify --batch`'s work per line on that token, to set against the bare loop.

#![allow(clippy::expect_used, reason = "a benchmark fails loudly")]

use std::sync::LazyLock;

use chrono::DateTime;
use divan::{Bencher, black_box};
use jwt_inspector::batch::BatchVerifier;
use jwt_inspector::jose::alg::{AlgHeader, Algorithm};
use jwt_inspector::jose::keys::{self, Key, KeyMaterial, SecretEncoding};
use jwt_inspector::jose::{base64url, sign, verify};
use jwt_inspector::{Inspection, Settings};

fn main() {
    divan::main();
}

fn token(payload_bytes: usize) -> String {
    let filler = "x".repeat(payload_bytes.saturating_sub(90));
    let payload =
        format!(r#"{{"iss":"bench","sub":"s","aud":"a","iat":1795348800,"exp":1795352400,"data":"{filler}"}}"#);
    let key =
        keys::secret_from_text("benchmark secret that is long enough", SecretEncoding::Utf8, "b").expect("secret");
    sign::encode(r#"{"alg":"HS256","typ":"JWT"}"#, &payload, Algorithm::HS256, &key).expect("sign")
}

static TOKENS: LazyLock<Vec<(usize, String)>> =
    LazyLock::new(|| [1_000, 100_000, 1_000_000].into_iter().map(|n| (n, token(n))).collect());

fn sized(size: usize) -> &'static str {
    TOKENS.iter().find(|(n, _)| *n == size).map(|(_, t)| t.as_str()).expect("token")
}

#[divan::bench(args = [1_000, 100_000, 1_000_000])]
fn inspect(bencher: Bencher<'_, '_>, size: usize) {
    let token = sized(size);
    let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
    bencher.bench(|| Inspection::new(black_box(token), &[], &Settings::default(), now));
}

/// The floor: base64url-decode the payload and parse it with `serde_json`.
#[divan::bench(args = [1_000, 100_000, 1_000_000])]
fn floor_decode_and_parse(bencher: Bencher<'_, '_>, size: usize) {
    let payload = sized(size).split('.').nth(1).expect("payload");
    bencher.bench(|| {
        let bytes = base64url::decode(black_box(payload)).expect("b64").bytes;
        serde_json::from_slice::<serde_json::Value>(&bytes).expect("json")
    });
}

struct Case {
    alg: Algorithm,
    token: String,
    key: Key,
}

static CASES: LazyLock<Vec<Case>> = LazyLock::new(|| {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keys/");
    let load = |name: &str| {
        keys::load(&std::fs::read(format!("{dir}{name}")).expect("key"), name).expect("key").keys.remove(0)
    };
    let secret =
        keys::secret_from_text("benchmark secret that is long enough", SecretEncoding::Utf8, "b").expect("secret");
    [
        (Algorithm::HS256, secret.clone(), secret),
        (Algorithm::RS256, load("rsa2048.pkcs8.pem"), load("rsa2048.pub.pem")),
        (Algorithm::PS256, load("rsa2048.pkcs8.pem"), load("rsa2048.pub.pem")),
        (Algorithm::ES256, load("ecp256.pkcs8.pem"), load("ecp256.pub.pem")),
        (Algorithm::ES512, load("ecp521.pkcs8.pem"), load("ecp521.pub.pem")),
        (Algorithm::EdDSA, load("ed25519.pkcs8.pem"), load("ed25519.pub.pem")),
    ]
    .into_iter()
    .map(|(alg, signer, key)| {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let token = sign::encode(&header, r#"{"sub":"1234567890","iat":1795348800,"exp":1795352400}"#, alg, &signer)
            .expect("sign");
        Case { alg, token, key }
    })
    .collect()
});

fn case(alg: Algorithm) -> &'static Case {
    CASES.iter().find(|c| c.alg == alg).expect("case")
}

const FAMILIES: [Algorithm; 6] =
    [Algorithm::HS256, Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::ES512, Algorithm::EdDSA];

/// The inspector's verifier: signature shape checks, key selection, then the crypto.
#[divan::bench(args = FAMILIES)]
fn verify_signature(bencher: Bencher<'_, '_>, alg: Algorithm) {
    let case = case(alg);
    let (input, signature) = case.token.rsplit_once('.').expect("dots");
    let signature = base64url::decode(signature).expect("b64").bytes;
    let header = AlgHeader::Known(alg);
    let keys = std::slice::from_ref(&case.key);
    bencher.bench(|| {
        let signed = verify::Signed { alg: &header, kid: None, signing_input: input.as_bytes(), signature: &signature };
        verify::verify(black_box(&signed), keys)
    });
}

/// The floor: a bare verification call on the same bytes and key.
#[divan::bench(args = FAMILIES)]
fn floor_bare_crypto_verify(bencher: Bencher<'_, '_>, alg: Algorithm) {
    let case = case(alg);
    let (input, signature) = case.token.rsplit_once('.').expect("dots");
    let decoding = match &case.key.material {
        KeyMaterial::Secret(s) => jsonwebtoken::DecodingKey::from_secret(s),
        KeyMaterial::Rsa { n, e, .. } => jsonwebtoken::DecodingKey::from_rsa_raw_components(n, e),
        KeyMaterial::Ec { point, .. } => jsonwebtoken::DecodingKey::from_ec_der(point),
        KeyMaterial::Ed25519 { public, .. } => jsonwebtoken::DecodingKey::from_ed_der(public),
        // Not among FAMILIES: jsonwebtoken has no ML-DSA.
        KeyMaterial::Akp { .. } => return,
    };
    if alg == Algorithm::ES512 {
        let KeyMaterial::Ec { point, .. } = &case.key.material else { return };
        let raw = base64url::decode(signature).expect("b64").bytes;
        let public =
            aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::ECDSA_P521_SHA512_FIXED, point.clone());
        bencher.bench(|| public.verify(black_box(input.as_bytes()), &raw).is_ok());
        return;
    }
    let jwt_alg = alg.to_jsonwebtoken().expect("alg");
    bencher.bench(|| {
        jsonwebtoken::crypto::verify(black_box(signature), input.as_bytes(), &decoding, jwt_alg).expect("verify")
    });
}

/// `verify --batch`'s per-line work (extract, decode, verify, time, the JSON line) on the
/// same token and key as the two benches above: its rate over the bare loop's is the
/// batch's fraction of the crypto's speed on one core.
#[divan::bench(args = FAMILIES)]
fn batch_line(bencher: Bencher<'_, '_>, alg: Algorithm) {
    let case = case(alg);
    let keys = std::slice::from_ref(&case.key);
    let settings = Settings::default();
    let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
    let verifier = BatchVerifier::new(keys, &settings, now);
    let mut out = Vec::new();
    bencher.bench_local(|| {
        out.clear();
        let verdict = verifier.verify_line(1, black_box(&case.token), &mut out);
        assert!(verdict.passed, "{}", String::from_utf8_lossy(&out));
    });
}
