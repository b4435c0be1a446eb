//! The one typed report of an [`Inspection`]: `#[derive(Serialize)]` structs built once from
//! the inspection, serialised as `inspect --json` (documented in the README; a test holds the
//! README's schema table to it) and rendered as the human report (`cli/human.rs`), so the two
//! cannot disagree. Statuses are the core's enums, whose serde names are the JSON's words
//! (the icons and words for people come from [`crate::present`]); the token, its decoded
//! header and payload, the alg and the time claims are the core's own values, serialised as
//! the contract says, so the human report can show them in full from the same fields. Field
//! names are a public contract: add, never rename.

#![allow(
    clippy::ref_option_ref,
    reason = "serde's serialize_with hands each function a reference to its field, and the derive expands into this module"
)]

mod document;
use chrono::{DateTime, SecondsFormat, Utc};
pub use document::{DocumentReport, SignatureReport as DocumentSignatureReport};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::inspection::{Check, InputError, Inspection};
use crate::jose::alg::AlgHeader;
use crate::jose::findings::{FindingId, Severity};
use crate::jose::keys::{Key, Origin, UnusableKey};
use crate::jose::lint::{Finding, Part};
use crate::jose::timeline::{TimeClaim, TimeStatus};
use crate::jose::token::{Content, Token, TokenKind};
use crate::jose::verdict::Verdict;
use crate::jose::verify::{Attempt, SignatureCause, SignatureStatus};

/// The report of one inspection.
#[derive(Serialize)]
pub struct Report<'a> {
    /// What the selected text is.
    pub kind: Kind,
    /// The verdict is `accepted`.
    pub passed: bool,
    /// The checklist a server runs and its outcome.
    pub verdict: &'a Verdict,
    /// The tokens found in the input, and which one is inspected.
    pub input: InputReport<'a>,
    /// The compact token inspected (serialised as its text; the human report colours its
    /// segments).
    #[serde(serialize_with = "token_text")]
    pub token: Option<&'a Token>,
    /// The decoded header.
    pub header: Decoded<'a>,
    /// The header's [`Decoded::type_name`].
    pub header_type: &'static str,
    /// The decoded payload.
    pub payload: Decoded<'a>,
    /// The payload's [`Decoded::type_name`].
    pub payload_type: &'static str,
    /// The header's `alg` (serialised as its text: `null` when absent or not a string).
    #[serde(serialize_with = "alg_text")]
    pub alg: &'a AlgHeader,
    /// The header's `kid`, when it is a string.
    pub kid: Option<&'a str>,
    /// The signature on its own.
    pub signature: SignatureReport<'a>,
    /// The time claims at `now`.
    pub time: TimeReport<'a>,
    /// One per expectation given.
    pub checks: &'a [Check],
    /// The linter's findings.
    pub findings: Vec<FindingReport<'a>>,
    /// Problems with the input itself.
    pub errors: &'a [InputError],
    /// Every key loaded, and the publicly known secret found, if any.
    pub keys: Vec<KeyReport<'a>>,
    /// Key inputs that hold no key this tool can use.
    pub unusable_keys: &'a [UnusableKey],
    /// The report of the inner token of a `cty: JWT` payload.
    pub nested: Option<Box<Report<'a>>>,
}

/// What the selected text is: `jws`, `jwe`, or `invalid` (nothing readable as a compact
/// token).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A signed token (three segments).
    Jws,
    /// An encrypted token (five segments).
    Jwe,
    /// No readable token.
    Invalid,
}

/// The tokens found in the input.
#[derive(Serialize)]
pub struct InputReport<'a> {
    /// Every token found, in input order.
    pub candidates: Vec<CandidateReport<'a>>,
    /// Index into `candidates` of the one inspected; `None` when nothing was found.
    pub selected: Option<usize>,
}

/// One token found in the input.
#[derive(Serialize)]
pub struct CandidateReport<'a> {
    /// Byte offset in the input of the token's first character.
    pub start: usize,
    /// Byte offset in the input just after the token's last character.
    pub end: usize,
    /// Where it was found, e.g. "Authorization header".
    pub context: Option<&'a str>,
    /// What was removed around or inside the token, in words.
    pub stripped: &'a [String],
}

/// A decoded header or payload, serialised as JSON when it is JSON, as its text when it is
/// text, as base64url when it is binary, and as `null` when it could not be decoded.
#[derive(Clone, Copy)]
pub struct Decoded<'a>(pub Option<&'a Content>);

/// The signature's verdict.
#[derive(Serialize)]
pub struct SignatureReport<'a> {
    /// The signature on its own.
    pub status: SignatureStatus,
    /// Why, as a stable id (the same as the verdict's signature step).
    pub cause: SignatureCause,
    /// The key that verified, or the only one tried.
    pub key: Option<KeyReport<'a>>,
    /// One sentence naming the cause.
    pub reason: &'a str,
    /// What the user can do about a failure.
    pub hints: &'a [String],
    /// Every key considered, in order.
    pub attempts: &'a [Attempt],
    /// The signature's length in bytes, when it could be decoded.
    pub bytes: Option<usize>,
}

/// The time claims at `now`.
#[derive(Serialize)]
pub struct TimeReport<'a> {
    /// The validity at `now` with `leeway`.
    pub status: TimeStatus,
    /// "expired 3 h 12 min ago", "valid for another 4 min 10 s".
    pub phrase: &'a str,
    /// The instant judged (serialised as Unix seconds).
    #[serde(serialize_with = "unix_seconds")]
    pub now: DateTime<Utc>,
    /// `now` in RFC 3339.
    pub now_iso: String,
    /// Seconds of tolerance on `exp` and `nbf`.
    pub leeway: i64,
    /// `exp − iat` in seconds, when both are dates.
    pub lifetime_seconds: Option<i64>,
    /// `exp`, `nbf`, `iat`, `auth_time`: each present when the claim is.
    #[serde(flatten)]
    pub claims: TimeClaims<'a>,
    /// The claim that made the status `invalid`, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_claim: Option<InvalidClaim<'a>>,
}

/// The time claims present, serialised as one member each (`{value, iso, notes}` or
/// `{raw, error}`), in the timeline's order.
#[derive(Clone, Copy)]
pub struct TimeClaims<'a>(pub &'a [TimeClaim]);

/// A time claim that is not a usable date.
#[derive(Serialize)]
pub struct InvalidClaim<'a> {
    /// `exp`, `nbf` or `iat`.
    pub claim: &'a str,
    /// Why it is not a date.
    pub reason: &'a str,
}

/// One finding of the linter.
#[derive(Serialize)]
pub struct FindingReport<'a> {
    /// The stable id, e.g. `alg-none`.
    pub id: FindingId,
    /// How much it matters.
    pub severity: Severity,
    /// The particulars, for people.
    pub message: &'a str,
    /// The RFC or CVE it rests on.
    pub reference: &'static str,
    /// The header or payload member it is about, if any.
    pub member: Option<&'a str>,
    /// The part of the token it is about, if any.
    pub part: Option<Part>,
}

/// A key, described.
#[derive(Serialize)]
pub struct KeyReport<'a> {
    /// How the key is named in messages, e.g. "RSA 2048 from key.pem".
    pub label: String,
    /// The file or field it came from.
    pub source: &'a str,
    /// How it came to be loaded.
    pub origin: Origin,
    /// The format it was read from (PEM, JWK, …).
    pub format: &'a str,
    /// Its type and size, e.g. "RSA 2048".
    #[serde(rename = "type")]
    pub key_type: String,
    /// Its `kid`, if it has one.
    pub kid: Option<&'a str>,
    /// The RFC 7638 thumbprint.
    pub thumbprint: String,
    /// The algorithms it can verify.
    pub algorithms: Vec<&'static str>,
}

impl<'a> Report<'a> {
    /// The report of `inspection`, made with `keys`.
    pub fn new(inspection: &'a Inspection, keys: &'a [Key]) -> Self {
        let token = inspection.token.as_ref();
        let header = Decoded(token.and_then(|t| t.header.as_ref()));
        let payload = Decoded(token.and_then(|t| t.payload.as_ref()));
        let signature = &inspection.signature;
        Self {
            kind: match token.map(|t| t.kind) {
                Some(TokenKind::Jws) => Kind::Jws,
                Some(TokenKind::Jwe) => Kind::Jwe,
                None => Kind::Invalid,
            },
            passed: inspection.passed(),
            verdict: &inspection.verdict,
            input: InputReport {
                candidates: inspection
                    .candidates
                    .iter()
                    .map(|c| CandidateReport {
                        start: c.span.start,
                        end: c.span.end,
                        context: c.context.as_deref(),
                        stripped: &c.stripped,
                    })
                    .collect(),
                selected: inspection.selected,
            },
            token,
            header,
            header_type: header.type_name(),
            payload,
            payload_type: payload.type_name(),
            alg: &inspection.alg,
            kid: inspection.kid.as_deref(),
            signature: SignatureReport {
                status: signature.status,
                cause: signature.cause,
                key: inspection.signature_key(keys).map(KeyReport::new),
                reason: &signature.reason,
                hints: &signature.hints,
                attempts: &signature.attempts,
                bytes: token.and_then(|t| t.signature()).map(<[u8]>::len),
            },
            time: TimeReport::new(inspection),
            checks: &inspection.checks,
            findings: inspection.findings.iter().map(FindingReport::new).collect(),
            errors: &inspection.errors,
            keys: keys.iter().chain(&inspection.known_secret).map(KeyReport::new).collect(),
            unusable_keys: &inspection.unusable_keys,
            nested: inspection.nested.as_ref().map(|n| Box::new(Report::new(n, keys))),
        }
    }

    /// The candidate inspected, when a token was found.
    pub fn candidate(&self) -> Option<&CandidateReport<'a>> {
        self.input.selected.and_then(|i| self.input.candidates.get(i))
    }
}

impl<'a> TimeReport<'a> {
    fn new(inspection: &'a Inspection) -> Self {
        let timeline = &inspection.timeline;
        Self {
            status: timeline.status,
            phrase: &timeline.phrase,
            now: timeline.now,
            now_iso: iso(timeline.now),
            leeway: timeline.leeway,
            lifetime_seconds: timeline.lifetime.map(|l| l.num_seconds()),
            claims: TimeClaims(&timeline.claims),
            invalid_claim: timeline
                .invalid_claim
                .as_ref()
                .map(|(claim, reason)| InvalidClaim { claim: claim.as_str(), reason: reason.as_str() }),
        }
    }
}

impl<'a> FindingReport<'a> {
    fn new(finding: &'a Finding) -> Self {
        Self {
            id: finding.id,
            severity: finding.severity,
            message: &finding.message,
            reference: finding.reference,
            member: finding.location.as_ref().and_then(|l| l.member.as_deref()),
            part: finding.location.as_ref().map(|l| l.part),
        }
    }
}

impl<'a> KeyReport<'a> {
    fn new(key: &'a Key) -> Self {
        Self {
            label: key.label(),
            source: &key.source,
            origin: key.origin,
            format: &key.format,
            key_type: key.short_name(),
            kid: key.kid.as_deref(),
            thumbprint: key.thumbprint(),
            algorithms: key.algorithms().iter().map(|a| a.name()).collect(),
        }
    }
}

impl Decoded<'_> {
    /// `object`, `array`, `string`, `number`, `boolean`, `null`, `too-deep`, `text`,
    /// `binary`, or `none` (not decoded).
    pub fn type_name(self) -> &'static str {
        use crate::jose::json::Value as Json;
        match self.0 {
            None => "none",
            Some(Content::Json { root, .. }) => match root.value {
                Json::Object(_) => "object",
                Json::Array(_) => "array",
                Json::String(_) => "string",
                Json::Number(_) => "number",
                Json::Bool(_) => "boolean",
                Json::Null => "null",
                Json::TooDeep => "too-deep",
            },
            Some(Content::Text { .. }) => "text",
            Some(Content::Binary { .. }) => "binary",
        }
    }
}

impl Serialize for Decoded<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            None => serializer.serialize_none(),
            Some(Content::Json { root, .. }) => root.to_serde().serialize(serializer),
            Some(Content::Text { text, .. }) => serializer.serialize_str(text),
            Some(Content::Binary { bytes, .. }) => serializer.serialize_str(&crate::jose::base64url::encode(bytes)),
        }
    }
}

impl Serialize for TimeClaims<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|claim| (claim.name, time_claim(claim))))
    }
}

/// The alg as the header gives it (`null` when absent or not a string): a value, never a
/// display word. Shared with the batch line.
#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde's serialize_with passes the field by reference")]
pub(crate) fn alg_text<S: Serializer>(alg: &&AlgHeader, serializer: S) -> Result<S::Ok, S::Error> {
    alg.text().serialize(serializer)
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    clippy::ref_option_ref,
    reason = "serde's serialize_with passes the field by reference"
)]
fn token_text<S: Serializer>(token: &Option<&Token>, serializer: S) -> Result<S::Ok, S::Error> {
    token.map(|t| t.text.as_str()).serialize(serializer)
}

fn unix_seconds<S: Serializer>(date: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(date.timestamp())
}

fn iso(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn time_claim(claim: &TimeClaim) -> Value {
    match &claim.value {
        Ok(date) => {
            let seconds = claim.raw.parse::<serde_json::Number>().map_or(Value::Null, Value::Number);
            serde_json::json!({ "value": seconds, "iso": iso(*date), "notes": claim.notes })
        }
        Err(error) => serde_json::json!({ "raw": claim.raw, "error": error.to_string() }),
    }
}

/// The report as a JSON value (tests and callers that want to look inside it).
pub fn to_json(inspection: &Inspection, keys: &[Key]) -> Value {
    serde_json::to_value(Report::new(inspection, keys)).unwrap_or(Value::Null)
}
