//! Time claims (RFC 7519 §2 NumericDate) and the timeline model: every time claim read
//! into a typed value or a reason it is not one, and one validity status at a `now` and a
//! leeway that the caller passes in. Nothing here reads the clock.

use chrono::{DateTime, TimeDelta, Utc};

use crate::jose::json::{Node, Value};

/// The claims that hold a NumericDate, in the order the timeline lists them.
pub const TIME_CLAIMS: [&str; 4] = ["iat", "nbf", "exp", "auth_time"];

/// A NumericDate claim read from the payload.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeClaim {
    /// One of [`TIME_CLAIMS`] (static: `verify --batch` reads claims at crypto speed).
    pub name: &'static str,
    /// The JSON text of the value, exactly as in the payload.
    pub raw: String,
    /// The date, or why the value is not one.
    pub value: Result<DateTime<Utc>, TimeError>,
    /// Remarks on a value that is a date but an odd one (fractional, milliseconds, pre-1970).
    pub notes: Vec<String>,
    /// Whether the number looks like milliseconds rather than seconds.
    pub looks_like_millis: bool,
}

/// Why a claim's value is not a NumericDate.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Not a JSON number.
    #[error("{found} is not a NumericDate (it must be a JSON number of seconds since 1970){hint}")]
    WrongType {
        /// The JSON type found: "a string", "an object"….
        found: &'static str,
        /// What the value would be read as, when it is a number or an ISO date in a string
        /// (starts with "; "), else empty.
        hint: String,
    },
    /// A number too large for a 64-bit float.
    #[error("{raw} is too large to be a number of seconds (it overflows a 64-bit float)")]
    NotFinite {
        /// The number's text.
        raw: String,
    },
    /// A number of seconds beyond the dates chrono represents.
    #[error("{raw} seconds is outside the dates a computer can represent (beyond the year ±262143)")]
    OutOfRange {
        /// The number's text.
        raw: String,
    },
}

impl TimeClaim {
    /// Reads a NumericDate from a JSON node. Never panics, whatever the value.
    pub fn read(name: &'static str, node: &Node, raw: &str) -> Self {
        let mut notes = Vec::new();
        let mut looks_like_millis = false;
        let value = match &node.value {
            Value::Number(text) => numeric_date(text).inspect(|date| {
                if text.contains(['.', 'e', 'E']) && date.timestamp_subsec_nanos() != 0 {
                    notes.push("fractional seconds (allowed by RFC 7519, but many libraries truncate)".to_owned());
                }
                if date.timestamp() < 0 {
                    notes.push("before 1970".to_owned());
                }
                if let Some(as_millis) = millis_reading(date) {
                    looks_like_millis = true;
                    notes.push(format!(
                        "looks like milliseconds: read as seconds it is the year {}; as milliseconds it would be {}",
                        date.format("%Y"),
                        as_millis.format("%Y-%m-%d %H:%M:%S UTC")
                    ));
                }
            }),
            Value::String(text) => {
                let hint = match text.trim().parse::<f64>().ok().and_then(|n| numeric_date(&n.to_string()).ok()) {
                    Some(date) => format!("; as a number it would be {}", date.format("%Y-%m-%d %H:%M:%S UTC")),
                    None => match DateTime::parse_from_rfc3339(text.trim()) {
                        Ok(date) => {
                            format!("; it looks like an ISO date, {}, which JWT does not use", date.to_rfc3339())
                        }
                        Err(_) => String::new(),
                    },
                };
                Err(TimeError::WrongType { found: "a string", hint })
            }
            other => Err(TimeError::WrongType { found: other.type_name(), hint: String::new() }),
        };
        Self { name, raw: raw.to_owned(), value, notes, looks_like_millis }
    }

    /// The date, when the value is one.
    pub fn date(&self) -> Option<DateTime<Utc>> {
        self.value.as_ref().ok().copied()
    }
}

/// Seconds since the epoch, as JSON number text, to a date.
fn numeric_date(text: &str) -> Result<DateTime<Utc>, TimeError> {
    // Integers are read exactly; anything else through f64 (JSON numbers with a fraction or exponent).
    if let Ok(seconds) = text.parse::<i64>() {
        return DateTime::from_timestamp(seconds, 0).ok_or_else(|| TimeError::OutOfRange { raw: text.to_owned() });
    }
    let Ok(value) = text.parse::<f64>() else {
        return Err(TimeError::OutOfRange { raw: text.to_owned() });
    };
    if !value.is_finite() {
        return Err(TimeError::NotFinite { raw: text.to_owned() });
    }
    // ±8.2e15 s is beyond chrono's range anyway; checking first keeps the casts exact.
    if value.abs() > 9.0e15 {
        return Err(TimeError::OutOfRange { raw: text.to_owned() });
    }
    let seconds = value.floor();
    let nanos = ((value - seconds) * 1e9).round().clamp(0.0, 999_999_999.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "range checked above")]
    DateTime::from_timestamp(seconds as i64, nanos as u32).ok_or_else(|| TimeError::OutOfRange { raw: text.to_owned() })
}

/// When a seconds value lands absurdly far in the future but reads as a plausible date
/// in milliseconds (2001..2200), returns that reading.
fn millis_reading(date: &DateTime<Utc>) -> Option<DateTime<Utc>> {
    let seconds = date.timestamp();
    if !(100_000_000_000..=7_258_118_400_000).contains(&seconds) {
        return None;
    }
    DateTime::from_timestamp_millis(seconds)
}

/// The token's validity at the instant it was evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeStatus {
    /// Within `nbf`..`exp` at now, with the leeway, and not issued in the future.
    Valid,
    /// `exp` is past (beyond the leeway).
    Expired,
    /// `nbf` is still ahead (beyond the leeway).
    NotYetValid,
    /// `iat` is later than now (beyond the leeway): the issuer's clock is wrong or the token
    /// was made by hand; careful servers reject it.
    IssuedInFuture,
    /// No `exp`: the token never expires.
    NoExp,
    /// A validity claim (`exp`, `nbf`, `iat`) is not a usable date.
    Invalid,
    /// There are no claims to judge: no token, or a payload that is not a JSON object.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl TimeStatus {
    /// Stable, kebab-case, as in `--json`: `valid`, `expired`, …, `n/a`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Expired => "expired",
            Self::NotYetValid => "not-yet-valid",
            Self::IssuedInFuture => "issued-in-future",
            Self::NoExp => "no-exp",
            Self::Invalid => "invalid",
            Self::NotApplicable => "n/a",
        }
    }
}

/// A dated claim on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The claim's name: one of [`TIME_CLAIMS`].
    pub claim: &'static str,
    /// The date it holds.
    pub at: DateTime<Utc>,
}

/// Everything the timeline pane and the report show about time.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// The instant the token was judged at (passed in: the core never reads the clock).
    pub now: DateTime<Utc>,
    /// Seconds of tolerance on both edges of the window; default 0.
    pub leeway: i64,
    /// Every time claim present, readable or not, in `TIME_CLAIMS` order.
    pub claims: Vec<TimeClaim>,
    /// Dated claims sorted by time.
    pub events: Vec<Event>,
    /// From `nbf` (or unbounded), without leeway.
    pub valid_from: Option<DateTime<Utc>>,
    /// Until `exp` (or unbounded), without leeway.
    pub valid_until: Option<DateTime<Utc>>,
    /// The validity at `now`.
    pub status: TimeStatus,
    /// The claim that made the status `invalid`, and why.
    pub invalid_claim: Option<(String, String)>,
    /// "expired 3 h 12 min ago", "valid for another 4 min 10 s".
    pub phrase: String,
    /// `exp − iat`, when both are dates.
    pub lifetime: Option<TimeDelta>,
    /// How far `iat` lies beyond now plus the leeway, when it does (the time step fails on
    /// it and the linter names it; computed once, here).
    pub iat_ahead: Option<TimeDelta>,
}

impl Timeline {
    /// Builds the timeline of a payload (a JSON object; anything else, or none, has status
    /// `NotApplicable`) at `now` with `leeway` seconds.
    pub fn new(payload: Option<&Node>, payload_text: &str, now: DateTime<Utc>, leeway: i64) -> Self {
        let leeway = leeway.clamp(0, 100 * 365 * 86_400);
        let claims: Vec<TimeClaim> = TIME_CLAIMS
            .iter()
            .filter_map(|name| {
                let node = payload?.get(name)?;
                let raw = payload_text.get(node.span.start..node.span.end).unwrap_or_default();
                Some(TimeClaim::read(name, node, raw))
            })
            .collect();
        let mut events: Vec<Event> =
            claims.iter().filter_map(|c| Some(Event { claim: c.name, at: c.date()? })).collect();
        events.sort_by_key(|e| e.at);

        let find = |name: &str| claims.iter().find(|c| c.name == name);
        let valid_from = find("nbf").and_then(TimeClaim::date);
        let valid_until = find("exp").and_then(TimeClaim::date);
        let lifetime = match (find("iat").and_then(TimeClaim::date), valid_until) {
            (Some(iat), Some(exp)) => Some(exp - iat),
            _ => None,
        };
        let invalid_claim = ["exp", "nbf", "iat"]
            .iter()
            .filter_map(|name| find(name))
            .find_map(|c| c.value.as_ref().err().map(|e| (c.name.to_owned(), e.to_string())));
        let slack = TimeDelta::seconds(leeway);

        let iat_ahead = find("iat")
            .and_then(TimeClaim::date)
            .filter(|iat| *iat > now.checked_add_signed(slack).unwrap_or(now))
            .map(|iat| iat - now);
        let is_object = payload.is_some_and(|p| matches!(p.value, Value::Object(_)));
        let (status, phrase) = if !is_object {
            (TimeStatus::NotApplicable, "no claims to judge".to_owned())
        } else if let Some((claim, why)) = &invalid_claim {
            (TimeStatus::Invalid, format!("{claim} is not a date: {why}"))
        } else if let Some(exp) = valid_until.filter(|exp| now >= exp.checked_add_signed(slack).unwrap_or(*exp)) {
            (TimeStatus::Expired, format!("expired {} ago", human_duration(now - exp)))
        } else if let Some(nbf) = valid_from.filter(|nbf| now < nbf.checked_sub_signed(slack).unwrap_or(*nbf)) {
            (TimeStatus::NotYetValid, format!("not valid yet: starts in {}", human_duration(nbf - now)))
        } else if let Some(ahead) = iat_ahead {
            (TimeStatus::IssuedInFuture, format!("issued in the future: iat is {} ahead", human_duration(ahead)))
        } else if let Some(exp) = valid_until {
            let left = exp - now;
            if left <= TimeDelta::zero() {
                (TimeStatus::Valid, format!("valid only thanks to the leeway (expired {} ago)", human_duration(-left)))
            } else {
                (TimeStatus::Valid, format!("valid for another {}", human_duration(left)))
            }
        } else {
            (TimeStatus::NoExp, "never expires (no exp claim)".to_owned())
        };

        Self {
            now,
            leeway,
            claims,
            events,
            valid_from,
            valid_until,
            status,
            invalid_claim,
            phrase,
            lifetime,
            iat_ahead,
        }
    }

    /// The claim `name` (`exp`, `iat`…), when the payload has it.
    pub fn claim(&self, name: &str) -> Option<&TimeClaim> {
        self.claims.iter().find(|c| c.name == name)
    }
}

/// "3 h 12 min", "4 min 10 s", "2 d 5 h", "12 y 40 d": the two largest units.
pub fn human_duration(delta: TimeDelta) -> String {
    let total = delta.num_seconds().unsigned_abs();
    let units: [(u64, &str); 5] = [(365 * 86_400, "y"), (86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    let mut out = String::new();
    let mut parts = 0;
    let mut rest = total;
    for (size, name) in units {
        let count = rest / size;
        if count > 0 || parts > 0 {
            if count > 0 {
                if parts > 0 {
                    out.push(' ');
                }
                out.push_str(&count.to_string());
                out.push(' ');
                out.push_str(name);
                parts += 1;
            }
            rest %= size;
            if parts == 2 || (parts > 0 && count == 0) {
                break;
            }
        }
    }
    if parts == 0 { "0 s".to_owned() } else { out }
}

/// "in 4 min" / "3 h 12 min ago" relative to `now`.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let delta = at - now;
    if delta.num_seconds() == 0 {
        "now".to_owned()
    } else if delta > TimeDelta::zero() {
        format!("in {}", human_duration(delta))
    } else {
        format!("{} ago", human_duration(delta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::json;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).expect("in range")
    }

    fn timeline(payload: &str, now: i64, leeway: i64) -> Timeline {
        let node = json::parse(payload).expect("json");
        Timeline::new(Some(&node), payload, at(now), leeway)
    }

    #[test]
    fn expired_token_is_reported_with_its_age() {
        let t = timeline(r#"{"iat":1000,"exp":2000}"#, 2000 + 3 * 3600 + 12 * 60, 0);
        assert_eq!(t.status, TimeStatus::Expired);
        assert_eq!(t.phrase, "expired 3 h 12 min ago");
        assert_eq!(t.lifetime, Some(TimeDelta::seconds(1000)));
    }

    #[test]
    fn leeway_extends_both_edges() {
        assert_eq!(timeline(r#"{"exp":2000}"#, 2030, 60).status, TimeStatus::Valid);
        assert_eq!(timeline(r#"{"exp":2000}"#, 2060, 60).status, TimeStatus::Expired);
        assert_eq!(timeline(r#"{"nbf":2000,"exp":3000}"#, 1950, 60).status, TimeStatus::Valid);
        assert_eq!(timeline(r#"{"nbf":2000,"exp":3000}"#, 1900, 60).status, TimeStatus::NotYetValid);
    }

    #[test]
    fn remaining_time_is_phrased() {
        let t = timeline(r#"{"exp":1250}"#, 1000, 0);
        assert_eq!(t.phrase, "valid for another 4 min 10 s");
        assert_eq!(timeline("{}", 0, 0).status, TimeStatus::NoExp);
    }

    #[test]
    fn no_claims_object_is_not_applicable_not_never_expires() {
        assert_eq!(Timeline::new(None, "", at(0), 0).status, TimeStatus::NotApplicable);
        assert_eq!(timeline("[1,2]", 0, 0).status, TimeStatus::NotApplicable);
        assert_eq!(timeline("\"text\"", 0, 0).status, TimeStatus::NotApplicable);
        assert_eq!(TimeStatus::NotApplicable.name(), "n/a");
    }

    #[test]
    fn iat_in_the_future_fails_beyond_the_leeway() {
        let t = timeline(r#"{"iat":1300,"exp":5000}"#, 1000, 0);
        assert_eq!(t.status, TimeStatus::IssuedInFuture);
        assert_eq!(t.phrase, "issued in the future: iat is 5 min ahead");
        assert_eq!(timeline(r#"{"iat":1300,"exp":5000}"#, 1000, 300).status, TimeStatus::Valid);
    }

    #[test]
    fn absurd_values_become_reasons_not_panics() {
        for (value, expected) in [
            ("1e20", "outside the dates"),
            ("1e400", "overflows a 64-bit float"),
            ("-1e400", "overflows a 64-bit float"),
            ("9223372036854775807", "outside the dates"),
            ("\"1700000000\"", "as a number it would be 2023-11-14"),
            ("true", "a boolean is not a NumericDate"),
            ("null", "null is not a NumericDate"),
        ] {
            let t = timeline(&format!(r#"{{"exp":{value}}}"#), 0, 0);
            assert_eq!(t.status, TimeStatus::Invalid, "{value}");
            let why = &t.invalid_claim.as_ref().expect("claim").1;
            assert!(why.contains(expected), "{value}: {why}");
        }
    }

    #[test]
    fn fractional_negative_and_millisecond_values_are_dates_with_notes() {
        let t = timeline(r#"{"iat":-10.5,"exp":1700000000123}"#, 0, 0);
        let iat = t.claim("iat").expect("iat");
        assert_eq!(iat.date().map(|d| d.timestamp_millis()), Some(-10_500));
        assert!(iat.notes.iter().any(|n| n.contains("before 1970")));
        let exp = t.claim("exp").expect("exp");
        assert!(exp.looks_like_millis);
        assert!(exp.notes.iter().any(|n| n.contains("2023-11-14")), "{:?}", exp.notes);
    }

    #[test]
    fn human_durations_use_two_units() {
        assert_eq!(human_duration(TimeDelta::seconds(59)), "59 s");
        assert_eq!(human_duration(TimeDelta::seconds(3600)), "1 h");
        assert_eq!(human_duration(TimeDelta::seconds(90_061)), "1 d 1 h");
        assert_eq!(relative(at(100), at(40)), "in 1 min");
    }
}
