//! Verifying many tokens, one line each: the verdict of [`Inspection::verdict_only`] (so a
//! batch never judges differently from `inspect`) written as one JSON line, a typed
//! [`BatchLine`] that borrows from the inspection. The CLI reads the lines and spreads them
//! over threads; this module is pure: line in, JSON line out.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::inspection::{Inspection, Settings};
use crate::jose::alg::AlgHeader;
use crate::jose::keys::Key;
use crate::jose::timeline::TimeStatus;
use crate::jose::verdict::{Cause, Outcome, StepId};
use crate::jose::verify::SignatureStatus;

mod json;

/// What one line came to, besides its JSON line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineVerdict {
    /// The verdict's outcome was `accepted` (see [`Inspection::passed`]).
    pub passed: bool,
    /// The verdict's outcome.
    pub outcome: Outcome,
    /// The signature status's name, e.g. `valid`.
    pub signature: &'static str,
    /// The time status's name, e.g. `expired`.
    pub time: &'static str,
}

/// One line of a batch's input, as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputLine<'a> {
    /// The line's number, from 1.
    pub number: usize,
    /// Its text without the line break (read lossily, with U+FFFD, when it was not UTF-8).
    pub text: &'a str,
    /// The byte offset in the line of the first byte that was not UTF-8; `None` when the
    /// line was UTF-8.
    pub utf8_error_offset: Option<usize>,
}

/// The JSON line written for one input line. Its fields, their order and their names are a
/// public contract (the README lists them; a test holds the list to this type): add, never
/// rename.
#[derive(Serialize)]
pub struct BatchLine<'a> {
    /// The input line's number, from 1.
    pub line: usize,
    /// The verdict's outcome.
    pub verdict: Outcome,
    /// The step that rejected the token (or left it undecided).
    pub first_failure: Option<FirstFailure<'a>>,
    /// The header's `alg` (serialised as its text: `null` when absent or not a string).
    #[serde(serialize_with = "crate::report::alg_text")]
    pub alg: &'a AlgHeader,
    /// The header's `kid`, when it is a string.
    pub kid: Option<&'a str>,
    /// The signature on its own.
    pub signature: SignatureStatus,
    /// The time claims at `now`.
    pub time: TimeStatus,
    /// One sentence naming the signature's cause.
    pub reason: &'a str,
    /// Why no token could be read on the line, if none could.
    pub error: Option<&'a str>,
    /// `false` when the line was not UTF-8; absent when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_utf8: Option<bool>,
    /// The byte offset of the first byte that was not UTF-8; absent when the line was UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utf8_error_offset: Option<usize>,
}

/// The step that decided a rejected or undecided verdict: the verdict's step, without its
/// status (a batch line's `verdict` already says it).
#[derive(Serialize)]
pub struct FirstFailure<'a> {
    /// Which step.
    pub step: StepId,
    /// Why it came out as it did, as a stable id.
    pub cause: Cause,
    /// The particulars, for people.
    pub detail: &'a str,
}

impl<'a> BatchLine<'a> {
    /// The line for `line`, from its inspection.
    pub fn new(line: InputLine<'_>, inspection: &'a Inspection) -> Self {
        let verdict = &inspection.verdict;
        let error = if inspection.candidates.is_empty() {
            Some("no token on this line")
        } else {
            inspection.errors.first().map(|e| e.message.as_str())
        };
        Self {
            line: line.number,
            verdict: verdict.outcome,
            first_failure: verdict.deciding_step().map(|step| FirstFailure {
                step: step.id,
                cause: step.cause,
                detail: &step.detail,
            }),
            alg: &inspection.alg,
            kid: inspection.kid.as_deref(),
            signature: inspection.signature.status,
            time: inspection.timeline.status,
            reason: &inspection.signature.reason,
            error,
            input_utf8: line.utf8_error_offset.map(|_| false),
            utf8_error_offset: line.utf8_error_offset,
        }
    }
}

/// Verifies lines against one set of keys, settings and `now`.
pub struct BatchVerifier<'a> {
    keys: &'a [Key],
    settings: &'a Settings,
    now: DateTime<Utc>,
}

impl<'a> BatchVerifier<'a> {
    /// A verifier with `keys`, `settings` (the leeway) and the instant `now`.
    pub fn new(keys: &'a [Key], settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self { keys, settings, now }
    }

    /// Appends the [`BatchLine`] of line `number`, whose text is UTF-8, to `out` as JSON
    /// (without a newline).
    pub fn verify_line(&self, number: usize, text: &str, out: &mut Vec<u8>) -> LineVerdict {
        self.verify(InputLine { number, text, utf8_error_offset: None }, out)
    }

    /// Appends `line`'s [`BatchLine`] to `out` as JSON (without a newline).
    pub fn verify(&self, line: InputLine<'_>, out: &mut Vec<u8>) -> LineVerdict {
        let inspection = Inspection::verdict_only(line.text, self.keys, self.settings, self.now);
        let json = BatchLine::new(line, &inspection);
        // Serialised straight into `out`, without a `serde_json::Value` (building the map
        // would cost more than an HMAC check), and without escaping the field names (see
        // `json`). Writing to a `Vec` cannot fail and every field is a string, a number,
        // null, a unit enum or a struct of them, so there is no error to hand on; the fuzz
        // target holds every line to one JSON object.
        let written = json::write(out, &json);
        debug_assert!(written.is_ok(), "a batch line always serialises: {written:?}");
        let verdict = &inspection.verdict;
        LineVerdict {
            passed: verdict.accepted(),
            outcome: verdict.outcome,
            signature: inspection.signature.status.name(),
            time: inspection.timeline.status.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::{SecretEncoding, secret_from_text};

    /// Lines as the batch wrote them before it had a type (field order and escaping are a
    /// public contract).
    #[test]
    fn batch_lines_keep_their_bytes_field_order_and_escapes() {
        let keys =
            [secret_from_text("a secret of thirty-two bytes ...", SecretEncoding::Utf8, "--secret").expect("key")];
        let settings = Settings::default();
        let now = DateTime::from_timestamp(1_700_000_100, 0).expect("time");
        let verifier = BatchVerifier::new(&keys, &settings, now);
        let token = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImtcIjEifQ.eyJleHAiOjE3MDAwMDAwMDB9.JgDuMoE-mClnNJlNvbjTOes9og8DGa8tM6cw3V0ZvOc";
        let mut out = Vec::new();
        let verdict = verifier.verify_line(1, token, &mut out);
        assert_eq!(
            String::from_utf8_lossy(&out),
            r#"{"line":1,"verdict":"rejected","first_failure":{"step":"time","cause":"expired","detail":"expired 1 min 40 s ago"},"alg":"HS256","kid":"k\"1","signature":"valid","time":"expired","reason":"signature verified with HMAC 256-bit secret from --secret","error":null}"#
        );
        assert_eq!(
            verdict,
            LineVerdict { passed: false, outcome: Outcome::Rejected, signature: "valid", time: "expired" }
        );
        out.clear();
        verifier.verify(InputLine { number: 2, text: "caf\u{fffd} au lait", utf8_error_offset: Some(3) }, &mut out);
        assert_eq!(
            String::from_utf8_lossy(&out),
            r#"{"line":2,"verdict":"rejected","first_failure":{"step":"structure","cause":"no-token","detail":"no token found in the text: a JWT is three base64url segments separated by dots, usually starting with \"eyJ\""},"alg":null,"kid":null,"signature":"unverifiable","time":"n/a","reason":"there is no readable token","error":"no token on this line","input_utf8":false,"utf8_error_offset":3}"#
        );
    }
}
