//! Verifying many tokens, one line each: the verdict of [`Inspection::verdict_only`] (so a
//! batch never judges differently from `inspect`) written as one JSON line. The CLI reads the
//! lines and spreads them over threads; this module is pure: line in, JSON line out.

use chrono::{DateTime, Utc};

use crate::inspection::{Inspection, Settings};
use crate::jose::keys::Key;
use crate::jose::verdict::Outcome;

/// What one line came to, besides its JSON line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineVerdict {
    /// The verdict's outcome was `accepted` (see [`Inspection::passed`]).
    pub passed: bool,
    pub outcome: Outcome,
    /// The signature status's name, e.g. `valid`.
    pub signature: &'static str,
    /// The time status's name, e.g. `expired`.
    pub time: &'static str,
}

/// Verifies lines against one set of keys, settings and `now`.
pub struct BatchVerifier<'a> {
    keys: &'a [Key],
    settings: &'a Settings,
    now: DateTime<Utc>,
}

impl<'a> BatchVerifier<'a> {
    pub fn new(keys: &'a [Key], settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self { keys, settings, now }
    }

    /// Appends line `number`'s JSON verdict (without a newline) to `out`: `line`, `verdict`,
    /// `first_failure` (`{step, cause, detail}` or null), `alg`, `kid`, `signature`, `time`,
    /// `reason`, `error`, in that order.
    pub fn verify_line(&self, number: usize, line: &str, out: &mut Vec<u8>) -> LineVerdict {
        let inspection = Inspection::verdict_only(line, self.keys, self.settings, self.now);
        let error = if inspection.candidates.is_empty() {
            Some("no token on this line")
        } else {
            inspection.errors.first().map(|e| e.message.as_str())
        };
        let (signature, time) = (inspection.signature.status.name(), inspection.timeline.status.name());
        // Written directly rather than through a `serde_json::Value`: building the map costs
        // more than an HMAC check. serde_json still escapes every string.
        let string = |out: &mut Vec<u8>, text: Option<&str>| match text {
            Some(text) => {
                let _ = serde_json::to_writer(&mut *out, text);
            }
            None => out.extend_from_slice(b"null"),
        };
        let verdict = &inspection.verdict;
        out.extend_from_slice(b"{\"line\":");
        out.extend_from_slice(number.to_string().as_bytes());
        out.extend_from_slice(b",\"verdict\":");
        string(out, Some(verdict.outcome.name()));
        out.extend_from_slice(b",\"first_failure\":");
        match verdict.deciding_step() {
            Some(step) => {
                out.extend_from_slice(b"{\"step\":");
                string(out, Some(step.id.name()));
                out.extend_from_slice(b",\"cause\":");
                string(out, Some(step.cause.name()));
                out.extend_from_slice(b",\"detail\":");
                string(out, Some(&step.detail));
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"alg\":");
        string(out, inspection.alg.text());
        out.extend_from_slice(b",\"kid\":");
        string(out, inspection.kid.as_deref());
        out.extend_from_slice(b",\"signature\":");
        string(out, Some(signature));
        out.extend_from_slice(b",\"time\":");
        string(out, Some(time));
        out.extend_from_slice(b",\"reason\":");
        string(out, Some(&inspection.signature.reason));
        out.extend_from_slice(b",\"error\":");
        string(out, error);
        out.push(b'}');
        LineVerdict { passed: verdict.accepted(), outcome: verdict.outcome, signature, time }
    }
}
