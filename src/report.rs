//! The stable JSON shape of an [`Inspection`], printed by `inspect --json` and documented in
//! the README: typed structs, built once from the inspection and serialised, so the contract
//! has a Rust type (and a test holds the README's schema table to it). Field names are a
//! public contract: add, never rename.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::inspection::{Check, InputError, Inspection};
use crate::jose::keys::{Key, Origin, UnusableKey};
use crate::jose::lint::{Finding, Part};
use crate::jose::timeline::TimeClaim;
use crate::jose::token::Content;
use crate::jose::verdict::Verdict;
use crate::jose::verify::Attempt;

/// The report of one inspection.
#[derive(Serialize)]
pub struct Report<'a> {
    /// `jws`, `jwe` or `invalid`.
    pub kind: &'static str,
    /// The verdict is `accepted`.
    pub passed: bool,
    pub verdict: &'a Verdict,
    pub input: InputReport,
    pub token: Option<&'a str>,
    pub header: Value,
    pub header_type: &'static str,
    pub payload: Value,
    pub payload_type: &'static str,
    pub alg: Option<&'a str>,
    pub kid: Option<&'a str>,
    pub signature: SignatureReport<'a>,
    pub time: TimeReport<'a>,
    pub checks: &'a [Check],
    pub findings: Vec<FindingReport<'a>>,
    pub errors: &'a [InputError],
    pub keys: Vec<KeyReport<'a>>,
    pub unusable_keys: &'a [UnusableKey],
    pub nested: Option<Box<Report<'a>>>,
}

#[derive(Serialize)]
pub struct InputReport {
    pub candidates: Vec<CandidateReport>,
    pub selected: Option<usize>,
}

#[derive(Serialize)]
pub struct CandidateReport {
    pub start: usize,
    pub end: usize,
    pub context: Option<String>,
    pub stripped: Vec<String>,
}

#[derive(Serialize)]
pub struct SignatureReport<'a> {
    pub status: &'static str,
    pub cause: &'static str,
    pub key: Option<KeyReport<'a>>,
    pub reason: &'a str,
    pub hints: &'a [String],
    pub attempts: &'a [Attempt],
    pub bytes: Option<usize>,
}

#[derive(Serialize)]
pub struct TimeReport<'a> {
    pub status: &'static str,
    pub phrase: &'a str,
    pub now: i64,
    pub now_iso: String,
    pub leeway: i64,
    pub lifetime_seconds: Option<i64>,
    /// `exp`, `nbf`, `iat`, `auth_time`: each present when the claim is.
    #[serde(flatten)]
    pub claims: serde_json::Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_claim: Option<InvalidClaim<'a>>,
}

#[derive(Serialize)]
pub struct InvalidClaim<'a> {
    pub claim: &'a str,
    pub reason: &'a str,
}

#[derive(Serialize)]
pub struct FindingReport<'a> {
    pub id: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub reference: &'static str,
    pub member: Option<&'a str>,
    pub part: Option<Part>,
}

#[derive(Serialize)]
pub struct KeyReport<'a> {
    pub label: String,
    pub source: &'a str,
    pub origin: Origin,
    pub format: &'a str,
    #[serde(rename = "type")]
    pub key_type: String,
    pub kid: Option<&'a str>,
    pub thumbprint: String,
    pub algorithms: Vec<&'static str>,
}

impl<'a> Report<'a> {
    /// The report of `inspection`, made with `keys`.
    pub fn new(inspection: &'a Inspection, keys: &'a [Key]) -> Self {
        let token = inspection.token.as_ref();
        let (header, header_type) = content(token.and_then(|t| t.header.as_ref()));
        let (payload, payload_type) = content(token.and_then(|t| t.payload.as_ref()));
        let signature = &inspection.signature;
        Self {
            kind: inspection.kind(),
            passed: inspection.passed(),
            verdict: &inspection.verdict,
            input: InputReport {
                candidates: inspection
                    .candidates
                    .iter()
                    .map(|c| CandidateReport {
                        start: c.span.start,
                        end: c.span.end,
                        context: c.context.clone(),
                        stripped: c.stripped.clone(),
                    })
                    .collect(),
                selected: inspection.selected,
            },
            token: token.map(|t| t.text.as_str()),
            header,
            header_type,
            payload,
            payload_type,
            alg: inspection.alg.text(),
            kid: inspection.kid.as_deref(),
            signature: SignatureReport {
                status: signature.status.name(),
                cause: signature.cause.name(),
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
}

impl<'a> TimeReport<'a> {
    fn new(inspection: &'a Inspection) -> Self {
        let timeline = &inspection.timeline;
        let claims = timeline.claims.iter().map(|c| (c.name.to_owned(), time_claim(c))).collect();
        Self {
            status: timeline.status.name(),
            phrase: &timeline.phrase,
            now: timeline.now.timestamp(),
            now_iso: iso(timeline.now),
            leeway: timeline.leeway,
            lifetime_seconds: timeline.lifetime.map(|l| l.num_seconds()),
            claims,
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
            id: finding.id.name(),
            severity: finding.severity.name(),
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

fn iso(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The decoded content as JSON (a non-JSON payload as its text, binary as base64url) and
/// its type's name.
fn content(content: Option<&Content>) -> (Value, &'static str) {
    use crate::jose::json::Value as Json;
    match content {
        None => (Value::Null, "none"),
        Some(Content::Json { root, .. }) => {
            let kind = match root.value {
                Json::Object(_) => "object",
                Json::Array(_) => "array",
                Json::String(_) => "string",
                Json::Number(_) => "number",
                Json::Bool(_) => "boolean",
                Json::Null => "null",
                Json::TooDeep => "too-deep",
            };
            (root.to_serde(), kind)
        }
        Some(Content::Text { text, .. }) => (Value::String(text.clone()), "text"),
        Some(Content::Binary { bytes, .. }) => (Value::String(crate::jose::base64url::encode(bytes)), "binary"),
    }
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
