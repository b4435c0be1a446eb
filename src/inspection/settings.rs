//! What the user sets for an inspection: leeway, lifetime limit and the expectations. No
//! secrets, so the GUI may persist it.

pub use crate::jose::expect::Expectations;

/// Inspection settings (no secrets: safe to persist).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Seconds of clock-skew tolerance on `exp` and `nbf`; default 0.
    pub leeway: i64,
    /// Seconds of `exp − iat` above which `long-lifetime` is raised; default 24 h.
    pub long_lifetime: i64,
    /// What the token must carry; default: nothing expected.
    pub expect: Expectations,
}

impl Default for Settings {
    fn default() -> Self {
        Self { leeway: 0, long_lifetime: 86_400, expect: Expectations::default() }
    }
}
