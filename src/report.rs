//! The stable JSON shape of an [`Inspection`], printed by `inspect --json` and documented in
//! the README. Field names here are a public contract: add, never rename.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::inspection::Inspection;
use crate::jose::keys::Key;
use crate::jose::timeline::TimeClaim;
use crate::jose::token::Content;

fn iso(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn content(content: Option<&Content>) -> (Value, &'static str) {
    match content {
        None => (Value::Null, "none"),
        Some(Content::Json { root, .. }) => {
            let kind = match root.value {
                crate::jose::json::Value::Object(_) => "object",
                crate::jose::json::Value::Array(_) => "array",
                crate::jose::json::Value::String(_) => "string",
                crate::jose::json::Value::Number(_) => "number",
                crate::jose::json::Value::Bool(_) => "boolean",
                crate::jose::json::Value::Null => "null",
                crate::jose::json::Value::TooDeep => "too-deep",
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
            json!({ "value": seconds, "iso": iso(*date), "notes": claim.notes })
        }
        Err(error) => json!({ "raw": claim.raw, "error": error.to_string() }),
    }
}

fn key(key: &Key) -> Value {
    json!({
        "label": key.label(),
        "source": key.source,
        "origin": key.origin,
        "format": key.format,
        "type": key.short_name(),
        "kid": key.kid,
        "thumbprint": key.thumbprint(),
        "algorithms": key.algorithms().iter().map(|a| a.name()).collect::<Vec<_>>(),
    })
}

/// The report of one inspection. `keys` are the keys it was made with.
pub fn to_json(inspection: &Inspection, keys: &[Key]) -> Value {
    let token = inspection.token.as_ref();
    let (header, header_type) = content(token.and_then(|t| t.header.as_ref()));
    let (payload, payload_type) = content(token.and_then(|t| t.payload.as_ref()));
    let timeline = &inspection.timeline;
    let mut time = json!({
        "status": timeline.status.name(),
        "phrase": timeline.phrase,
        "now": timeline.now.timestamp(),
        "now_iso": iso(timeline.now),
        "leeway": timeline.leeway,
        "lifetime_seconds": timeline.lifetime.map(|l| l.num_seconds()),
    });
    if let Some(object) = time.as_object_mut() {
        for claim in &timeline.claims {
            object.insert(claim.name.to_owned(), time_claim(claim));
        }
        if let Some((claim, reason)) = &timeline.invalid_claim {
            object.insert("invalid_claim".to_owned(), json!({ "claim": claim, "reason": reason }));
        }
    }
    let signature = &inspection.signature;
    json!({
        "kind": inspection.kind(),
        "passed": inspection.passed(),
        "verdict": inspection.verdict,
        "input": {
            "candidates": inspection.candidates.iter().map(|c| json!({
                "start": c.span.start,
                "end": c.span.end,
                "context": c.context,
                "stripped": c.stripped,
            })).collect::<Vec<_>>(),
            "selected": inspection.selected,
        },
        "token": token.map(|t| t.text.clone()),
        "header": header,
        "header_type": header_type,
        "payload": payload,
        "payload_type": payload_type,
        "alg": inspection.alg.text(),
        "kid": inspection.kid,
        "signature": {
            "status": signature.status.name(),
            "cause": signature.cause.name(),
            "key": inspection.signature_key(keys).map(key),
            "reason": signature.reason,
            "hints": signature.hints,
            "attempts": signature.attempts,
            "bytes": token.and_then(|t| t.signature()).map(<[u8]>::len),
        },
        "time": time,
        "checks": inspection.checks,
        "findings": inspection.findings.iter().map(|f| json!({
            "id": f.id,
            "severity": f.severity.name(),
            "message": f.message,
            "reference": f.reference,
            "member": f.location.as_ref().and_then(|l| l.member.clone()),
            "part": f.location.as_ref().map(|l| l.part),
        })).collect::<Vec<_>>(),
        "errors": inspection.errors,
        "keys": keys.iter().chain(&inspection.known_secret).map(key).collect::<Vec<_>>(),
        "unusable_keys": inspection.unusable_keys,
        "nested": inspection.nested.as_ref().map(|n| to_json(n, keys)),
    })
}
