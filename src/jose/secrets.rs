//! The built-in list of publicly known JWT secrets (wallarm/jwt-secrets, MIT; see
//! `assets/jwt-secrets/`), compiled into the binary, and the weak-secret check: which of a
//! list of candidate secrets produced an HS256/384/512 token's MAC.
//!
//! Pure and cancellable: progress is reported through a callback that can stop the search.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::LazyLock;

use crate::jose::alg::{Algorithm, Family};
use crate::jose::keys::{self, Key, Origin, SecretEncoding};

static LIST: &[u8] = include_bytes!("../../assets/jwt-secrets/jwt.secrets.list");

static SECRETS: LazyLock<Vec<&'static [u8]>> = LazyLock::new(|| {
    let mut seen = HashSet::new();
    // CRLF-separated, as published; a few secrets repeat.
    wordlist(LIST).filter(|line| seen.insert(*line)).collect()
});

static SET: LazyLock<HashSet<&'static [u8]>> = LazyLock::new(|| SECRETS.iter().copied().collect());

/// The known secrets, in list order, without the empty line and repeats.
pub fn known() -> &'static [&'static [u8]] {
    &SECRETS
}

/// The secrets in a wordlist: one a line (LF or CRLF), each line's bytes kept exactly, empty
/// lines skipped.
pub fn wordlist(bytes: &[u8]) -> impl Iterator<Item = &[u8]> + Clone {
    bytes.split(|b| *b == b'\n').map(|line| line.strip_suffix(b"\r").unwrap_or(line)).filter(|line| !line.is_empty())
}

/// What the weak-secret check tries: the built-in list, then the lines of `extra`.
pub fn candidates(extra: &[u8]) -> impl Iterator<Item = &[u8]> + Clone {
    known().iter().copied().chain(wordlist(extra))
}

/// Whether `secret` is in the public list.
pub fn is_known(secret: &[u8]) -> bool {
    SET.contains(secret)
}

/// The longest signing input the list is searched for without being asked, in bytes. Each
/// candidate is a full HMAC over the signing input, so the search grows with it: about 0.3 s
/// at this size for HS256, and minutes for a megabyte token (a paste must never start that).
pub const AUTO_SEARCH_MAX_INPUT: usize = 2048;

/// Whether the automatic search runs for a signing input of `len` bytes.
pub fn auto_search(len: usize) -> bool {
    len <= AUTO_SEARCH_MAX_INPUT
}

/// Searches the built-in list for the secret that made an HS256/384/512 token's MAC, as a
/// server's attacker would: the key it finds is named as publicly known
/// ([`Origin::KnownSecret`]). 67 ms for HS256 on one core for a 300-byte signing input (104k secrets).
pub fn find_known(alg: Algorithm, signing_input: &[u8], signature: &[u8]) -> Option<Key> {
    let CrackOutcome::Found(secret) = crack(alg, signing_input, signature, known().iter().copied(), |_| true) else {
        return None;
    };
    // Listed secrets are text (a few are not UTF-8: those are given as hex).
    let mut key = match std::str::from_utf8(&secret) {
        Ok(text) => keys::secret_from_text(text, SecretEncoding::Utf8, "the built-in list of known secrets"),
        Err(_) => keys::secret_from_text(&hex(&secret), SecretEncoding::Hex, "the built-in list of known secrets"),
    }
    .ok()?;
    key.origin = Origin::KnownSecret;
    Some(key)
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The result of a weak-secret search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CrackOutcome {
    /// This secret produced the MAC.
    Found(Vec<u8>),
    /// None of the candidates did.
    NotFound {
        /// How many were tried.
        tried: usize,
    },
    /// The callback asked to stop.
    Cancelled {
        /// How many were tried before it did.
        tried: usize,
    },
    /// The token is not an HMAC token (or has no usable signature).
    NotHmac,
}

/// How often the progress callback is called, in candidates.
pub const PROGRESS_EVERY: usize = 4_096;

/// Tries each candidate as the HMAC secret of `alg` over `signing_input`. `progress` gets
/// the number tried so far every [`PROGRESS_EVERY`] candidates and returns `false` to stop.
pub fn crack<'a>(
    alg: Algorithm,
    signing_input: &[u8],
    signature: &[u8],
    candidates: impl IntoIterator<Item = &'a [u8]>,
    mut progress: impl FnMut(usize) -> bool,
) -> CrackOutcome {
    let Some(hmac_alg) = crate::jose::params::hmac(alg) else { return CrackOutcome::NotHmac };
    if alg.family() != Family::Hmac || signature.len() != alg.hash_len() {
        return CrackOutcome::NotHmac;
    }
    let mut tried = 0;
    for candidate in candidates {
        let key = aws_lc_rs::hmac::Key::new(hmac_alg, candidate);
        if aws_lc_rs::hmac::verify(&key, signing_input, signature).is_ok() {
            return CrackOutcome::Found(candidate.to_vec());
        }
        tried += 1;
        if tried % PROGRESS_EVERY == 0 && !progress(tried) {
            return CrackOutcome::Cancelled { tried };
        }
    }
    progress(tried);
    CrackOutcome::NotFound { tried }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read_exactly_without_blanks_or_repeats() {
        assert!(known().len() > 100_000, "{}", known().len());
        assert!(is_known(b"your-256-bit-secret"));
        assert!(is_known(b"secret"));
        assert!(!is_known(b""));
        assert!(!known().iter().any(|s| s.contains(&b'\r') || s.contains(&b'\n')));
    }

    #[test]
    fn crack_finds_a_listed_secret_and_reports_progress() {
        let input = b"eyJhbGciOiJIUzI1NiJ9.e30";
        let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, b"your-256-bit-secret");
        let tag = aws_lc_rs::hmac::sign(&key, input);
        let position = known().iter().position(|s| *s == b"your-256-bit-secret").expect("listed");
        let mut reports = Vec::new();
        let outcome = crack(Algorithm::HS256, input, tag.as_ref(), known().iter().copied(), |tried| {
            reports.push(tried);
            true
        });
        assert_eq!(outcome, CrackOutcome::Found(b"your-256-bit-secret".to_vec()));
        // Progress came every PROGRESS_EVERY candidates, up to where the secret stands.
        let expected: Vec<usize> = (1..=position / PROGRESS_EVERY).map(|n| n * PROGRESS_EVERY).collect();
        assert_eq!(reports, expected);
        let mut last = 0;
        let missed = crack(Algorithm::HS256, input, &[0; 32], known().iter().copied(), |tried| {
            last = tried;
            true
        });
        assert_eq!(missed, CrackOutcome::NotFound { tried: known().len() });
        assert_eq!(last, known().len(), "the last report is the total");
        let cancelled = crack(Algorithm::HS256, input, &[0; 32], known().iter().copied(), |_| false);
        assert_eq!(cancelled, CrackOutcome::Cancelled { tried: PROGRESS_EVERY });
        assert_eq!(crack(Algorithm::RS256, input, &[0; 256], known().iter().copied(), |_| true), CrackOutcome::NotHmac);
    }
}
