//! Findings about the claims: issuer and audience, repeated names, time claims, claim types,
//! and values that look like secrets or personal data.

use crate::jose::expect::check_of;
use crate::jose::json::{Member, Node, Value};
use crate::jose::lint::{Context, FindingId, Location, Out, Part, Severity, member};
use crate::jose::registry::{self, Place, ValueKind};
use crate::jose::timeline::{TimeClaim, human_duration};
use crate::jose::verdict::Expected;

/// Missing or unexpected `iss` and `aud`. Whether they match what the user expects was
/// decided once, by `jose::expect`: this reads those checks.
pub(super) fn issuer_and_audience(out: &mut Out, cx: &Context<'_>, claims: &Node) {
    let location = |name: &str| member(Part::Payload, Some(claims), name);
    let iss = check_of(cx.checks, Expected::Iss);
    match (claims.get("iss"), iss) {
        (None, expected) => {
            let severity = if expected.is_some() { Severity::Medium } else { Severity::Info };
            out.add_at(
                FindingId::MissingIss,
                severity,
                "there is no iss claim: nothing says who issued the token",
                None,
            );
        }
        (Some(_), Some(check)) if !check.passed => {
            out.add(
                FindingId::IssMismatch,
                format!("{}: the token comes from someone else", check.message),
                location("iss"),
            );
        }
        _ => {}
    }
    let aud = check_of(cx.checks, Expected::Aud);
    match (claims.get("aud"), aud) {
        (None, expected) => {
            let severity = if expected.is_some() { Severity::Medium } else { Severity::Info };
            out.add_at(
                FindingId::MissingAud,
                severity,
                "there is no aud claim: the token can be replayed to any service that trusts its issuer",
                None,
            );
        }
        (Some(_), Some(check)) if !check.passed => {
            out.add(
                FindingId::AudMismatch,
                format!("{}: the token was issued for another service", check.message),
                location("aud"),
            );
        }
        _ => {}
    }
}

pub(super) fn duplicates(out: &mut Out, root: &Node, part: Part) {
    for (name, indices) in root.duplicate_members() {
        let span = indices.last().and_then(|i| root.value.members().get(*i)).map(Member::span);
        out.add(
            FindingId::DuplicateKeys,
            format!(
                "{name:?} appears {} times in the {}: libraries differ on which value they read (most take the last)",
                indices.len(),
                if part == Part::Header { "header" } else { "payload" }
            ),
            Some(Location { part, member: Some(name.to_owned()), span }),
        );
    }
}

pub(super) fn time_findings(out: &mut Out, cx: &Context<'_>, claims: &Node) {
    let p = |name: &str| member(Part::Payload, Some(claims), name);
    let t = cx.timeline;
    if claims.get("exp").is_none() {
        out.add(
            FindingId::NoExp,
            "there is no exp claim: the token never expires, so a stolen token works forever",
            None,
        );
    }
    for claim in &t.claims {
        if let Err(error) = &claim.value {
            out.add(FindingId::InvalidTimeClaim, format!("{}: {error}", claim.name), p(claim.name));
        }
        if claim.looks_like_millis {
            out.add(
                FindingId::MsTimestamp,
                format!(
                    "{} = {} looks like milliseconds, not seconds: {}",
                    claim.name,
                    claim.raw,
                    claim.notes.last().cloned().unwrap_or_default()
                ),
                p(claim.name),
            );
        }
    }
    let date = |name: &str| t.claim(name).and_then(TimeClaim::date);
    if let (Some(iat), Some(exp)) = (date("iat"), date("exp")) {
        if exp < iat {
            out.add(
                FindingId::ExpBeforeIat,
                format!("exp is {} before iat: the token expired before it was issued", human_duration(iat - exp)),
                p("exp"),
            );
        } else if (exp - iat).num_seconds() > cx.long_lifetime {
            out.add(
                FindingId::LongLifetime,
                format!(
                    "the token lives {} (exp − iat), more than {}: long-lived tokens widen the window for replay",
                    human_duration(exp - iat),
                    human_duration(chrono::TimeDelta::seconds(cx.long_lifetime))
                ),
                p("exp"),
            );
        }
    }
    if let (Some(nbf), Some(exp)) = (date("nbf"), date("exp"))
        && nbf > exp
    {
        out.add(FindingId::NbfAfterExp, "nbf is after exp: the token can never be valid", p("nbf"));
    }
    if let Some(ahead) = t.iat_ahead {
        out.add(
            FindingId::IatInFuture,
            format!(
                "iat is {} in the future: the issuer's clock is wrong or the token was made by hand",
                human_duration(ahead)
            ),
            p("iat"),
        );
    }
}

/// Registered claims whose JSON type is wrong (time claims are handled above).
pub(super) fn wrong_types(out: &mut Out, claims: &Node) {
    for m in claims.value.members() {
        let Some(entry) = registry::lookup(Place::Claim, &m.name) else { continue };
        let ok = match entry.kind {
            ValueKind::String | ValueKind::StringOrUri => matches!(m.value.value, Value::String(_)),
            ValueKind::StringOrArray => matches!(m.value.value, Value::String(_) | Value::Array(_)),
            ValueKind::Boolean => matches!(m.value.value, Value::Bool(_)),
            ValueKind::Object => matches!(m.value.value, Value::Object(_)),
            ValueKind::Array => matches!(m.value.value, Value::Array(_)),
            ValueKind::Number => matches!(m.value.value, Value::Number(_)),
            ValueKind::NumericDate | ValueKind::Any => true,
        };
        if !ok {
            out.add(
                FindingId::InvalidClaimType,
                format!(
                    "{} is {}, but {} ({}) is defined as {:?}",
                    m.name,
                    m.value.value.type_name(),
                    m.name,
                    entry.title,
                    entry.kind
                ),
                Some(Location { part: Part::Payload, member: Some(m.name.clone()), span: Some(m.span()) }),
            );
        }
    }
}

/// Member names and values that look like secrets or personal data.
pub(super) fn sensitive_data(out: &mut Out, claims: &Node) {
    const NAMES: [&str; 12] = [
        "password",
        "passwd",
        "pwd",
        "secret",
        "api_key",
        "apikey",
        "api-key",
        "private_key",
        "client_secret",
        "ssn",
        "credit_card",
        "card_number",
    ];
    let mut visit = vec![claims];
    while let Some(node) = visit.pop() {
        match &node.value {
            Value::Object(members) => {
                for m in members {
                    let lower = m.name.to_ascii_lowercase();
                    let reason = if NAMES.iter().any(|n| lower.contains(n)) {
                        Some(format!("a member named {:?}", m.name))
                    } else {
                        m.value.value.as_str().and_then(sensitive_value)
                    };
                    if let Some(reason) = reason {
                        out.add(FindingId::SensitiveData, format!("the payload holds {reason}: anyone holding the token can read it (JWS payloads are only encoded, not encrypted)"), Some(Location { part: Part::Payload, member: Some(m.name.clone()), span: Some(m.span()) }));
                    }
                    visit.push(&m.value);
                }
            }
            Value::Array(items) => visit.extend(items.iter()),
            _ => {}
        }
    }
}

fn sensitive_value(value: &str) -> Option<String> {
    if value.contains("PRIVATE KEY-----") {
        return Some("a private key in PEM form".to_owned());
    }
    // Card numbers and national IDs are short: long values cannot be either.
    if value.len() > 32 {
        return None;
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let only_card_chars = value.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if only_card_chars && (13..=19).contains(&digits.len()) && luhn(&digits) {
        return Some("what looks like a payment card number (Luhn-valid)".to_owned());
    }
    // US SSN shape: 3-2-4 digits.
    let parts: Vec<&str> = value.split('-').collect();
    if parts.len() == 3
        && parts.iter().map(|p| p.len()).eq([3, 2, 4])
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some("what looks like a national ID number (###-##-####)".to_owned());
    }
    None
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_recognises_test_card_numbers() {
        assert!(luhn("4111111111111111"));
        assert!(!luhn("4111111111111112"));
        assert!(sensitive_value("4111 1111 1111 1111").is_some());
        assert!(sensitive_value("123-45-6789").is_some());
        assert!(sensitive_value("hello").is_none());
    }
}
