//! Throughput of the weak-secret search: the whole built-in list (103,781 publicly known
//! secrets) against a token whose secret is not in it, per HMAC algorithm, on one core.
//!
//! Run: `cargo bench --bench weak_secret`.

use std::time::Instant;

use jwt_inspector::jose::alg::Algorithm;
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
}
