//! What the user sets for an inspection: leeway, lifetime limit and the expectations. No
//! secrets, so the GUI may persist it.

/// What the user expects of the token; each set expectation becomes a check.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Expectations {
    /// The `iss` the token must have; `None`: any.
    pub issuer: Option<String>,
    /// A value `aud` must be or contain; `None`: any.
    pub audience: Option<String>,
    /// The `sub` the token must have; `None`: any.
    pub subject: Option<String>,
    /// The header's `typ` the token must have (compared exactly); `None`: any.
    pub typ: Option<String>,
    /// Empty: any algorithm is allowed.
    pub algorithms: Vec<String>,
}

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
