//! The user's expectations checked against the token: each one set becomes a [`Check`].

use crate::inspection::Expectations;
use crate::jose::alg::{AlgHeader, Algorithm};
use crate::jose::json::Value;
use crate::jose::token::Token;

/// One expectation checked against the token.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// `iss`, `aud`, `sub`, `typ` or `alg`.
    pub name: &'static str,
    /// Whether the token has what was expected.
    pub passed: bool,
    /// What was expected and what was found, in a sentence.
    pub message: String,
}

/// Checks every expectation that is set, in the order `iss`, `sub`, `typ`, `aud`, `alg`.
pub(super) fn checks(token: Option<&Token>, alg: &AlgHeader, expect: &Expectations) -> Vec<Check> {
    let mut out = Vec::new();
    let claims = token.and_then(Token::claims);
    let claim_str = |name: &str| claims.and_then(|c| c.get_str(name));
    let mut string_check = |name: &'static str, expected: &Option<String>, actual: Option<&str>, what: &str| {
        if let Some(expected) = expected {
            let passed = actual == Some(expected.as_str());
            let message = match actual {
                Some(actual) if passed => format!("{name} is {actual:?} as expected"),
                Some(actual) => format!("{name} is {actual:?}, but {expected:?} was expected"),
                None => format!("the token has no {what}, but {name} {expected:?} was expected"),
            };
            out.push(Check { name, passed, message });
        }
    };
    string_check("iss", &expect.issuer, claim_str("iss"), "iss claim");
    string_check("sub", &expect.subject, claim_str("sub"), "sub claim");
    string_check("typ", &expect.typ, token.and_then(Token::header_object).and_then(|h| h.get_str("typ")), "typ header");
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
        out.push(Check { name: "aud", passed, message });
    }
    if !expect.algorithms.is_empty() {
        let label = alg.label();
        let passed = alg.known().is_some_and(|a| expect.algorithms.iter().any(|e| Algorithm::from_name(e) == Some(a)));
        let message = if passed {
            format!("alg {label} is allowed")
        } else {
            format!("alg {label} is not among the allowed algorithms ({})", expect.algorithms.join(", "))
        };
        out.push(Check { name: "alg", passed, message });
    }
    out
}
