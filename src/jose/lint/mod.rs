//! Findings: the mistakes the JWT literature warns about, each with a stable id, a
//! severity, one sentence a junior developer understands, a reference (RFC 8725 section,
//! RFC 7519/7515, CVE) and, where it has one, the member it concerns. Pure: everything it
//! looks at is passed in.

pub use crate::jose::findings::{FindingId, Severity};

use crate::jose::alg::{AlgHeader, Algorithm, Family};
use crate::jose::json::{Node, Span, Value};
use crate::jose::keys::{Key, KeyMaterial, Origin};
use crate::jose::timeline::Timeline;
use crate::jose::token::{Content, Token, TokenKind};
use crate::jose::verify::{SignatureCause, SignatureVerdict};

mod claims;

use claims::{duplicates, issuer_and_audience, sensitive_data, time_findings, wrong_types};

/// Which part of the token a finding points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The JOSE header.
    Header,
    /// The payload (the claims).
    Payload,
    /// The signature segment.
    Signature,
}

/// The member a finding concerns, with its span in the decoded part's text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The part it is in.
    pub part: Part,
    /// The member's name, when the finding is about one member.
    pub member: Option<String>,
    /// The member's span in the part's decoded text.
    pub span: Option<Span>,
}

/// One mistake found in this token.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Stable; its row in [`FindingId::info`] has the id text and the reference.
    pub id: FindingId,
    /// The table's severity, or the other one this case gets (see [`FindingId::info`]).
    pub severity: Severity,
    /// The particulars of this case, for people.
    pub message: String,
    /// Where the rule comes from: "RFC 8725 §3.1", a CVE; from the table.
    pub reference: &'static str,
    /// What it points at, when it points at something.
    pub location: Option<Location>,
}

/// What the lints may consider besides the token.
pub struct Context<'a> {
    /// The parsed token.
    pub token: &'a Token,
    /// The header's `alg`.
    pub alg: &'a AlgHeader,
    /// The signature verdict, read and never re-checked.
    pub signature: &'a SignatureVerdict,
    /// The time claims, judged at the inspection's `now`.
    pub timeline: &'a Timeline,
    /// The keys the signature was checked with (weak secrets are a finding).
    pub keys: &'a [Key],
    /// Seconds above which `exp − iat` is "long"; default 24 h.
    pub long_lifetime: i64,
    /// The user's expectations, checked once (`jose::expect`): an expected `iss` or `aud`
    /// that is missing matters more, and one that differs is a finding.
    pub checks: &'a [crate::jose::expect::Check],
    /// Repairs extraction made to the token's structure (a wrong segment count accepted leniently).
    pub repairs: &'a [String],
}

struct Out(Vec<Finding>);

impl Out {
    /// Raises `id` at the table's severity.
    fn add(&mut self, id: FindingId, message: impl Into<String>, location: Option<Location>) {
        self.add_at(id, id.info().severity, message, location);
    }

    /// Raises `id` at `severity` (the table's, or its `also`).
    fn add_at(&mut self, id: FindingId, severity: Severity, message: impl Into<String>, location: Option<Location>) {
        self.0.push(Finding { id, severity, message: message.into(), reference: id.info().reference, location });
    }
}

fn member(part: Part, root: Option<&Node>, name: &str) -> Option<Location> {
    let root = root?;
    let member = root.value.members().iter().rev().find(|m| m.name == name)?;
    Some(Location { part, member: Some(name.to_owned()), span: Some(member.span()) })
}

#[allow(clippy::unnecessary_wraps, reason = "a place like `member`'s, which a finding may lack: the table reads alike")]
fn part(part: Part) -> Option<Location> {
    Some(Location { part, member: None, span: None })
}

/// All findings for one token, sorted by severity (stable within a severity).
pub fn lint(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Out(Vec::new());
    algorithm(&mut out, cx);
    key_findings(&mut out, cx);
    header_members(&mut out, cx);
    payload(&mut out, cx);
    encoding(&mut out, cx);
    out.0.sort_by_key(|f| f.severity);
    out.0
}

/// `alg`, and the signature shapes the verifier named.
fn algorithm(out: &mut Out, cx: &Context<'_>) {
    let header = cx.token.header_object();
    let h = |name: &str| member(Part::Header, header, name);
    // --- Algorithm ---
    match cx.alg {
        AlgHeader::None(text) => out.add(FindingId::AlgNone, format!("alg is {text:?}: the token is unsigned, so anyone can forge it; a server must never accept it"), h("alg")),
        AlgHeader::Missing => out.add(FindingId::MissingAlg, "the header has no alg, so nothing says how the token is protected", part(Part::Header)),
        AlgHeader::NotAString(kind) => out.add(FindingId::MissingAlg, format!("alg is {kind}, not a string"), h("alg")),
        AlgHeader::Unsupported(text) if cx.token.kind == TokenKind::Jws => out.add(FindingId::UnsupportedAlg, format!("alg {text:?} is not one this tool implements (HS/RS/PS 256-512, ES256/384/512, ES256K, EdDSA, Ed25519, ML-DSA-44/65/87), so the signature cannot be checked"), h("alg")),
        AlgHeader::Unimplemented(alg) if cx.token.kind == TokenKind::Jws => out.add(FindingId::UnsupportedAlg, format!("{}, so the signature cannot be checked", alg.why()), h("alg")),
        AlgHeader::Known(Algorithm::EdDSA) if cx.token.kind == TokenKind::Jws => out.add(FindingId::DeprecatedAlg, "alg EdDSA is deprecated by RFC 9864: Ed25519 names the same signature without leaving the curve to the key (keep EdDSA while verifiers that know only it remain)", h("alg")),
        _ => {}
    }
    // The signature's shape was judged by the verifier: read its cause, never re-check.
    match (cx.signature.cause, cx.alg.known()) {
        (SignatureCause::EmptySignature, Some(alg)) => out.add(
            FindingId::EmptySignature,
            format!("the signature is empty although alg {alg} requires one: a stripped signature must be rejected"),
            part(Part::Signature),
        ),
        (SignatureCause::PsychicSignature, _) => out.add(
            FindingId::PsychicSignature,
            format!("{}: it fools verifiers that skip the range check", cx.signature.reason),
            part(Part::Signature),
        ),
        _ => {}
    }
}

/// The keys against the token: algorithm confusion, weak secrets, weak RSA keys.
fn key_findings(out: &mut Out, cx: &Context<'_>) {
    let header = cx.token.header_object();
    let h = |name: &str| member(Part::Header, header, name);
    // --- Keys ---
    if let Some(alg) = cx.alg.known()
        && alg.family() == Family::Hmac
    {
        if let Some(index) = cx.signature.key_confusion {
            let label = cx.keys.get(index).map(Key::label).unwrap_or_default();
            out.add(FindingId::KeyConfusion, format!("the {alg} MAC verifies with the public key {label} used as the secret: this token was forged with the algorithm-confusion attack"), h("alg"));
        } else if cx.keys.iter().any(|k| !matches!(k.material, KeyMaterial::Secret(_)))
            && !cx.keys.iter().any(|k| matches!(k.material, KeyMaterial::Secret(_)))
        {
            out.add_at(FindingId::KeyConfusion, Severity::Medium, format!("an {alg} (HMAC) token is being checked against public-key material: a server that does this can be fooled into using its public key as the HMAC secret"), h("alg"));
        }
        for key in cx.keys {
            if let KeyMaterial::Secret(secret) = &key.material {
                if key.origin == Origin::KnownSecret {
                    out.add(
                        FindingId::WeakSecret,
                        format!(
                            "the token is signed with {}, found in a public list of {} known JWT secrets: anyone can forge tokens with it",
                            key.label(),
                            crate::jose::secrets::known().len()
                        ),
                        None,
                    );
                } else if crate::jose::secrets::is_known(secret) {
                    out.add(FindingId::WeakSecret, format!("the HMAC secret from {} is in a public list of {} known JWT secrets: anyone can forge tokens with it", key.source, crate::jose::secrets::known().len()), None);
                } else if secret.is_empty() {
                    out.add(FindingId::WeakSecret, "the HMAC secret is empty", None);
                } else if secret.len() < alg.hash_len() {
                    out.add_at(
                        FindingId::WeakSecret,
                        Severity::Medium,
                        format!(
                            "the HMAC secret is {} bytes, shorter than the {}-byte hash output {alg} needs",
                            secret.len(),
                            alg.hash_len()
                        ),
                        None,
                    );
                }
            }
        }
    }

    for key in cx.keys {
        if let KeyMaterial::Rsa { .. } = &key.material
            && key.bits() < 2048
        {
            out.add(
                FindingId::WeakKey,
                format!(
                    "the RSA key {} has a {}-bit modulus; at least 2048 bits are required",
                    key.label(),
                    key.bits()
                ),
                None,
            );
        }
    }
}

/// Header members that hand trust to the token itself, or that a verifier must understand.
fn header_members(out: &mut Out, cx: &Context<'_>) {
    let header = cx.token.header_object();
    let h = |name: &str| member(Part::Header, header, name);
    // --- Header ---
    if let Some(header) = header {
        if header.get("jwk").is_some() {
            out.add(
                FindingId::EmbeddedJwk,
                "the header carries its own key (jwk): a verifier that trusts it accepts any token the attacker signs",
                h("jwk"),
            );
        }
        if header.get("jku").is_some() {
            out.add(FindingId::JkuHeader, "the header points at a key set URL (jku): fetching keys from where the token says lets an attacker supply the key", h("jku"));
        }
        if header.get("x5u").is_some() {
            out.add(FindingId::X5uHeader, "the header points at a certificate URL (x5u): fetching it lets an attacker supply the key, and is a server-side request forgery risk", h("x5u"));
        }
        if header.get("x5c").is_some() {
            out.add(FindingId::X5cHeader, "the header carries a certificate chain (x5c): trust it only after validating the chain against your own roots", h("x5c"));
        }
        if let Some(kid) = header.get_str("kid")
            && let Some(what) = kid_injection(kid)
        {
            out.add(FindingId::KidInjection, format!("kid contains {what}: a server that uses kid in a file path, SQL query or shell command can be attacked through it"), h("kid"));
        }
        if let Some(crit) = header.get("crit") {
            let unsupported: Vec<String> = match &crit.value {
                Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.value.as_str())
                    .filter(|n| *n != "b64")
                    .map(|n| format!("{n:?}"))
                    .collect(),
                other => vec![format!("(crit is {}, not an array)", other.type_name())],
            };
            if !unsupported.is_empty() {
                out.add(FindingId::CritUnsupported, format!("crit lists extensions this tool does not implement ({}): a conforming verifier must reject the token", unsupported.join(", ")), h("crit"));
            }
        }
        if cx.token.unencoded_payload {
            out.add(
                FindingId::B64False,
                "b64 is false: the payload is not base64url-encoded (RFC 7797); many libraries do not support this",
                h("b64"),
            );
        }
        if header.get_str("cty").is_some_and(|c| c.eq_ignore_ascii_case("JWT")) {
            out.add(
                FindingId::NestedJwt,
                "cty is JWT: the payload is itself a token (nested JWT), inspected below",
                h("cty"),
            );
        }
        if let Some(typ) = header.get_str("typ") {
            let lower = typ.to_ascii_lowercase();
            let lower = lower.strip_prefix("application/").unwrap_or(&lower);
            if !(lower == "jwt"
                || lower == "at+jwt"
                || lower.ends_with("+jwt")
                || (cx.token.kind == TokenKind::Jwe && lower == "jose"))
            {
                out.add(FindingId::TypUnexpected, format!("typ is {typ:?}, not JWT or an application type ending in +jwt: the token may be meant for another purpose"), h("typ"));
            }
        }
        duplicates(out, header, Part::Header);
    }
    if cx.token.kind == TokenKind::Jwe {
        if cx.signature.cause != crate::jose::verify::SignatureCause::Decrypted {
            out.add(
                FindingId::Jwe,
                "the token is encrypted (JWE): only its header can be shown until a key decrypts it",
                part(Part::Header),
            );
        }
        if cx.token.header_object().and_then(|h| h.get_str("alg")) == Some("RSA1_5") {
            out.add(
                FindingId::JweRsa15,
                "the content key is encrypted with RSA1_5 (PKCS#1 v1.5): a server that decrypts it can be a padding oracle (Bleichenbacher); use RSA-OAEP-256 or ECDH-ES",
                member(Part::Header, cx.token.header_object(), "alg"),
            );
        }
    }
}

/// The claims: their shape, times, issuer and audience, types and secrets.
fn payload(out: &mut Out, cx: &Context<'_>) {
    let claims = cx.token.claims();
    // --- Payload ---
    match &cx.token.payload {
        Some(Content::Json { root, .. }) if !matches!(root.value, Value::Object(_)) => out.add(
            FindingId::PayloadNotObject,
            format!("the payload is JSON {}, not an object: a JWT's claims must be an object", root.value.type_name()),
            part(Part::Payload),
        ),
        Some(other @ (Content::Text { .. } | Content::Binary { .. }))
            if cx
                .token
                .header_object()
                .and_then(|h| h.get_str("cty"))
                .is_none_or(|c| !c.eq_ignore_ascii_case("JWT")) =>
        {
            out.add_at(
                FindingId::PayloadNotObject,
                Severity::Info,
                if cx.token.kind == TokenKind::Jwe {
                    format!(
                        "the plaintext is {}, not a JSON claims set: this JWE does not carry a JWT",
                        other.describe()
                    )
                } else {
                    format!("the payload is {}, not a JSON claims set: this is a JWS but not a JWT", other.describe())
                },
                part(Part::Payload),
            );
        }
        _ => {}
    }
    for (part, content) in [(Part::Header, cx.token.header.as_ref()), (Part::Payload, cx.token.payload.as_ref())] {
        if let Some(Content::Json { root, .. }) = content
            && root.has_too_deep()
        {
            out.add(
                FindingId::DeepNesting,
                format!(
                    "the {} nests JSON deeper than {} levels: many parsers (serde_json, Python's json at ~1,000, Go's encoding/json at 10,000) differ on such input, and some servers refuse it; the deep part is not shown",
                    if part == Part::Header { "header" } else { "payload" },
                    crate::jose::json::MAX_DEPTH
                ),
                Some(Location { part, member: None, span: None }),
            );
        }
    }
    if let Some(claims) = claims {
        duplicates(out, claims, Part::Payload);
        time_findings(out, cx, claims);
        issuer_and_audience(out, cx, claims);
        wrong_types(out, claims);
        sensitive_data(out, claims);
    }
}

/// How the token was encoded and how large it is.
fn encoding(out: &mut Out, cx: &Context<'_>) {
    // --- Encoding and size ---
    let mut seen = Vec::new();
    for (segment, how) in cx.token.non_canonical() {
        if !seen.contains(&how) {
            seen.push(how);
            out.add(
                FindingId::NonCanonicalBase64url,
                format!("the {} segment {}; strict parsers reject it", segment.role.label(), how.describe()),
                None,
            );
        }
    }
    if !cx.repairs.is_empty() {
        out.add(
            FindingId::MalformedToken,
            format!(
                "the token is malformed and was read leniently: {}; strict parsers reject it",
                cx.repairs.join("; ")
            ),
            None,
        );
    }
    if cx.token.text.len() > 8 * 1024 {
        out.add(
            FindingId::Oversized,
            format!("the token is {} bytes: many servers reject headers over 8 KB", cx.token.text.len()),
            None,
        );
    }
}

fn kid_injection(kid: &str) -> Option<&'static str> {
    if kid.contains("../") || kid.contains("..\\") || kid.starts_with('/') {
        Some("a path traversal (../ or an absolute path)")
    } else if kid.contains('\'')
        || kid.contains('"')
        || kid.to_ascii_lowercase().contains(" union ")
        || kid.contains("--")
        || kid.contains(';')
    {
        Some("quotes or SQL syntax")
    } else if kid.contains(['|', '`', '$', '&', '\n', '\0']) {
        Some("shell metacharacters")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kid_injection_shapes_are_caught() {
        assert!(kid_injection("../../dev/null").is_some());
        assert!(kid_injection("x' UNION SELECT 'a").is_some());
        assert!(kid_injection("key|whoami").is_some());
        assert!(kid_injection("2024-01-rsa").is_none());
    }
}
