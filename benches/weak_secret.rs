//! Throughput of the weak-secret search: the whole built-in list (103,781 publicly known
//! secrets) against a token whose secret is not in it, per HMAC algorithm, on one core.
//!
//! Then the automatic check `inspect` runs on an HMAC token with no key: the whole
//! inspection with `Request::known_secrets`, on a token the size of the demo token whose
//! secret is not in the list (the worst case: every secret is tried), per algorithm.
//!
//! Run: `cargo bench --bench weak_secret`.

use std::time::Instant;

use jwt_inspector::inspection::{Inspection, Request, Settings};
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::keys::{self, SecretEncoding};
use jwt_inspector::jose::secrets::{self, CrackOutcome};

fn main() {
    let input = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9";
    for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
        let signature = vec![0x42; alg.hash_len()];
        let rounds = 5;
        let start = Instant::now();
        let mut tried = 0;
        for _ in 0..rounds {
            if let CrackOutcome::NotFound { tried: n } =
                secrets::crack(alg, input, &signature, secrets::known().iter().copied(), |_| true)
            {
                tried += n;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        #[allow(clippy::cast_precision_loss, reason = "a rate for people")]
        let rate = tried as f64 / seconds;
        println!("{alg}: {tried} candidates in {seconds:.2} s = {rate:.0} secrets/s (one core)");
    }
    automatic_check();
}

#[allow(clippy::panic, reason = "a bench without its fixture fails loudly")]
fn automatic_check() {
    // The demo token's claims: a 300-byte signing input, as identity providers issue them.
    let payload = r#"{"iss":"https://id.example.com","sub":"user-1234","aud":"api://orders","name":"Ada Lovelace","scope":"orders:read orders:write","iat":1795348800,"nbf":1795348800,"exp":1795349700,"jti":"demo-0001"}"#;
    let secret = keys::secret_from_text("not in any public list: 7f3c9a1e", SecretEncoding::Utf8, "bench")
        .unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings::default();
    let now = chrono::DateTime::from_timestamp(1_795_348_900, 0).unwrap_or_default();
    // And jwt.io's example claims: a 110-byte signing input.
    let short = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#;
    for (alg, payload) in [
        (Algorithm::HS256, payload),
        (Algorithm::HS384, payload),
        (Algorithm::HS512, payload),
        (Algorithm::HS256, short),
    ] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let token = jwt_inspector::jose::sign::encode(&header, payload, alg, &secret).unwrap_or_else(|e| panic!("{e}"));
        let request = Request { known_secrets: true, ..Request::new(&token, &settings, now) };
        let rounds = 10;
        let start = Instant::now();
        for _ in 0..rounds {
            let inspection = Inspection::inspect(std::hint::black_box(&request));
            assert!(inspection.known_secret.is_none());
        }
        let per_token = start.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
        println!(
            "automatic known-secret check, {alg}, {}-byte signing input, whole list: {per_token:.1} ms per token (one core)",
            token.rsplit_once('.').map_or(0, |(input, _)| input.len())
        );
    }
}
