//! Fixtures the integration tests share: files under `tests/`, the keys they hold, HMAC
//! secrets typed as text, and instants. `core` uses all of it, `ui` part.

use chrono::{DateTime, Utc};
use jwt_inspector::jose::keys::{self, Key, SecretEncoding};

/// The bytes of `path`, relative to `tests/`.
pub fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every key in the file at `path` (relative to `tests/`).
pub fn keys_in(path: &str) -> Vec<Key> {
    keys::load(&read(path), path).unwrap_or_else(|e| panic!("{path}: {e}")).keys
}

/// The one key in the file at `path` (relative to `tests/`).
pub fn key(path: &str) -> Key {
    let mut keys = keys_in(path);
    assert_eq!(keys.len(), 1, "{path} holds {} keys", keys.len());
    keys.remove(0)
}

/// An HMAC secret typed as text.
pub fn secret(text: &str) -> Key {
    keys::secret_from_text(text, SecretEncoding::Utf8, "test").unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The instant `unix` seconds after 1970.
pub fn at(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).unwrap_or_else(|| panic!("{unix} is not a date"))
}

/// Every algorithm of a family, in `Algorithm::ALL`'s order.
pub fn family(family: jwt_inspector::jose::alg::Family) -> Vec<jwt_inspector::jose::alg::Algorithm> {
    jwt_inspector::jose::alg::Algorithm::ALL.into_iter().filter(|a| a.family() == family).collect()
}
