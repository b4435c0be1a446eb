//! The user's expectations checked against the token, once: each one set becomes a
//! [`Check`], which the verdict's expectations step and the linter both read.

use crate::jose::alg::{AlgHeader, Algorithm};
use crate::jose::json::Value;
use crate::jose::token::Token;
use crate::jose::verdict::Expected;

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

/// What an expectation is about: a claim or header member, or the allowed algorithms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checked {
    /// A member the user expected a value of (`iss`, `aud`, `sub`, `typ`).
    Member(Expected),
    /// The header's `alg` is among the allowed algorithms.
    AllowedAlgorithm,
}

impl Checked {
    /// The member's name as the JSON report spells it: `iss`, `aud`, `sub`, `typ` or `alg`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Member(expected) => expected.name(),
            Self::AllowedAlgorithm => "alg",
        }
    }
}

impl serde::Serialize for Checked {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One expectation checked against the token.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// What was expected (serialised as its `name`: `iss`, `aud`, `sub`, `typ` or `alg`).
    #[serde(rename = "name")]
    pub checked: Checked,
    /// Whether the token has what was expected.
    pub passed: bool,
    /// What was expected and what was found, in a sentence.
    pub message: String,
}

/// Checks every expectation that is set, in the order `iss`, `sub`, `typ`, `aud`, `alg`.
pub fn checks(token: Option<&Token>, alg: &AlgHeader, expect: &Expectations) -> Vec<Check> {
    let mut out = Vec::new();
    let claims = token.and_then(Token::claims);
    let claim_str = |name: &str| claims.and_then(|c| c.get_str(name));
    let mut string_check = |member: Expected, expected: &Option<String>, actual: Option<&str>, what: &str| {
        let name = member.name();
        if let Some(expected) = expected {
            let passed = actual == Some(expected.as_str());
            let message = match actual {
                Some(actual) if passed => format!("{name} is {actual:?} as expected"),
                Some(actual) => format!("{name} is {actual:?}, but {expected:?} was expected"),
                None => format!("the token has no {what}, but {name} {expected:?} was expected"),
            };
            out.push(Check { checked: Checked::Member(member), passed, message });
        }
    };
    string_check(Expected::Iss, &expect.issuer, claim_str("iss"), "iss claim");
    string_check(Expected::Sub, &expect.subject, claim_str("sub"), "sub claim");
    string_check(
        Expected::Typ,
        &expect.typ,
        token.and_then(Token::header_object).and_then(|h| h.get_str("typ")),
        "typ header",
    );
    if let Some(expected) = &expect.audience {
        let aud = claims.and_then(|c| c.get("aud"));
        let values: Vec<&str> = match aud.map(|a| &a.value) {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(|i| i.value.as_str()).collect(),
            _ => Vec::new(),
        };
        let passed = values.contains(&expected.as_str());
        let message = if passed {
            format!("aud includes {expected:?} as expected")
        } else if aud.is_none() {
            format!("the token has no aud claim, but audience {expected:?} was expected")
        } else {
            format!("aud is {values:?}, which does not include the expected {expected:?}")
        };
        out.push(Check { checked: Checked::Member(Expected::Aud), passed, message });
    }
    if !expect.algorithms.is_empty() {
        let label = alg.label();
        let passed = alg.known().is_some_and(|a| expect.algorithms.iter().any(|e| Algorithm::from_name(e) == Some(a)));
        let message = if passed {
            format!("alg {label} is allowed")
        } else {
            format!("alg {label} is not among the allowed algorithms ({})", expect.algorithms.join(", "))
        };
        out.push(Check { checked: Checked::AllowedAlgorithm, passed, message });
    }
    out
}

/// The check of `member`, when the user expected something of it.
pub fn check_of(checks: &[Check], member: Expected) -> Option<&Check> {
    checks.iter().find(|c| c.checked == Checked::Member(member))
}
