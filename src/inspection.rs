//! Everything derived from (input text, loaded keys, settings, now): the one value the GUI
//! draws and the CLI prints. It is rebuilt whenever an input changes, never patched, so
//! no two views can disagree.

use chrono::{DateTime, Utc};

use crate::jose::alg::Family;
use crate::jose::alg::{AlgHeader, Algorithm};
use crate::jose::extract::{self, Candidate};
use crate::jose::json::{Span, Value};
use crate::jose::keys::{Key, UnusableKey};
use crate::jose::lint::{self, Finding, Part, Severity};
pub use crate::jose::positions::EncodedRange;
use crate::jose::positions::Positions;
use crate::jose::timeline::Timeline;
use crate::jose::token::{self, Content, SegmentRole, Token, TokenKind};
use crate::jose::verdict::{Expected, Facts, Verdict};
use crate::jose::verify::{self, SignatureCause, SignatureVerdict};

/// How deep `cty: JWT` nesting is followed.
pub const MAX_NESTING: usize = 4;

/// What the user expects of the token; each set expectation becomes a check.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Expectations {
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub subject: Option<String>,
    pub typ: Option<String>,
    /// Empty: any algorithm is allowed.
    pub algorithms: Vec<String>,
}

/// Inspection settings (no secrets: safe to persist).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Seconds of clock-skew tolerance on `exp` and `nbf`; default 0.
    pub leeway: i64,
    /// Seconds of `exp − iat` above which `long-lifetime` is raised; default 24 h.
    pub long_lifetime: i64,
    pub expect: Expectations,
}

impl Default for Settings {
    fn default() -> Self {
        Self { leeway: 0, long_lifetime: 86_400, expect: Expectations::default() }
    }
}

/// A problem with the input itself, with where it is in the input text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    pub message: String,
    /// Byte offset in the input text, when the error points at a character.
    pub offset: Option<usize>,
}

/// One expectation checked against the token.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// `iss`, `aud`, `sub`, `typ` or `alg`.
    pub name: &'static str,
    pub passed: bool,
    pub message: String,
}

/// What to inspect, and with what. Everything the core needs, passed in.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub input: &'a str,
    /// Which candidate to inspect (clamped to the candidates found); 0 = the first.
    pub selected: usize,
    pub keys: &'a [Key],
    /// Key inputs that could not be used: listed in the report, and named when no other
    /// key checks the signature.
    pub unusable_keys: &'a [UnusableKey],
    pub settings: &'a Settings,
    pub now: DateTime<Utc>,
    /// When no key of the user's checks an HS256/384/512 token, try the built-in list of
    /// publicly known secrets (67 ms for HS256 on a 300-byte token): on for `inspect`, off for `verify
    /// --batch` (crypto speed) and on the GUI's UI thread (it searches in the background).
    pub known_secrets: bool,
}

impl<'a> Request<'a> {
    /// The first token in `input`, with no keys, default settings and no known-secret search.
    pub fn new(input: &'a str, settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self { input, selected: 0, keys: &[], unusable_keys: &[], settings, now, known_secrets: false }
    }
}

/// Everything known about the selected token in the input.
#[derive(Clone, Debug)]
pub struct Inspection {
    pub candidates: Vec<Candidate>,
    /// Index into `candidates`; `None` when nothing was found.
    pub selected: Option<usize>,
    pub token: Option<Token>,
    pub errors: Vec<InputError>,
    pub alg: AlgHeader,
    pub kid: Option<String>,
    pub signature: SignatureVerdict,
    pub timeline: Timeline,
    pub checks: Vec<Check>,
    pub findings: Vec<Finding>,
    /// What a server would do with the token: the ordered checklist and its outcome.
    pub verdict: Verdict,
    /// Key inputs that could not be used (from the request).
    pub unusable_keys: Vec<UnusableKey>,
    /// The publicly known secret that verified the token, when the request asked for the
    /// search and no key of the user's could check it.
    pub known_secret: Option<Key>,
    /// The inner token of a `cty: JWT` payload.
    pub nested: Option<Box<Inspection>>,
}

impl Inspection {
    /// Inspects the first token found in `input`.
    pub fn new(input: &str, keys: &[Key], settings: &Settings, now: DateTime<Utc>) -> Self {
        Self::with_selection(input, 0, keys, settings, now)
    }

    /// Inspects candidate `selected` (clamped to the candidates found).
    pub fn with_selection(input: &str, selected: usize, keys: &[Key], settings: &Settings, now: DateTime<Utc>) -> Self {
        Self::inspect(&Request { selected, keys, ..Request::new(input, settings, now) })
    }

    /// Everything about the request's token.
    pub fn inspect(request: &Request<'_>) -> Self {
        Self::build(request, 0, true)
    }

    /// The verdict without findings: for verifying many tokens, where the findings would be
    /// work nobody reads. The verdict's outcome is the same as [`Inspection::inspect`]'s
    /// (only `high_findings` is not counted).
    pub fn verdict_only(input: &str, keys: &[Key], settings: &Settings, now: DateTime<Utc>) -> Self {
        Self::build(&Request { keys, ..Request::new(input, settings, now) }, 0, false)
    }

    fn build(request: &Request<'_>, depth: usize, with_findings: bool) -> Self {
        let Request { input, selected, keys, unusable_keys, settings, now, known_secrets } = *request;
        let candidates = extract::extract(input);
        let selected = (!candidates.is_empty()).then(|| selected.min(candidates.len() - 1));
        let candidate = selected.and_then(|i| candidates.get(i));
        let (token, errors) = read_candidate(input, candidate);

        let header = token.as_ref().and_then(Token::header_object);
        let alg = AlgHeader::from_header(header.and_then(|h| h.get("alg")));
        let kid = header.and_then(|h| h.get_str("kid")).map(str::to_owned);
        let payload_text = token.as_ref().and_then(|t| t.payload.as_ref()).and_then(Content::text).unwrap_or_default();
        let claims = token.as_ref().and_then(Token::claims);
        let timeline = Timeline::new(claims, payload_text, now, settings.leeway);
        let mut signature = signature_verdict(token.as_ref(), &alg, kid.as_deref(), keys);
        // No key of the user's checks an HMAC token: try the secrets anyone can look up, as
        // an attacker would. A hit verifies the token with that key, named as known.
        let mut known_secret = None;
        if known_secrets
            && matches!(signature.cause, SignatureCause::NoKey | SignatureCause::OnlyDemoKey)
            && let (Some(alg), Some(token)) = (alg.known().filter(|a| a.family() == Family::Hmac), token.as_ref())
            && let (Some(input), Some(bytes)) = (token.signing_input(), token.signature())
        {
            if crate::jose::secrets::auto_search(input.len()) {
                known_secret = crate::jose::secrets::find_known(alg, input.as_bytes(), bytes);
            } else {
                signature.hints.push(format!(
                    "the publicly known secrets were not tried automatically: the signing input is {} bytes (over {}), and each try is an HMAC over all of it; `jwt-inspector crack` tries them",
                    input.len(),
                    crate::jose::secrets::AUTO_SEARCH_MAX_INPUT
                ));
            }
        }
        let extended: Vec<Key>;
        let keys = match &known_secret {
            Some(found) => {
                extended = keys.iter().cloned().chain([found.clone()]).collect();
                signature = signature_verdict(token.as_ref(), &alg, kid.as_deref(), &extended);
                extended.as_slice()
            }
            None => keys,
        };
        if let Some(first) = unusable_keys.first()
            && matches!(signature.cause, SignatureCause::NoKey | SignatureCause::OnlyDemoKey)
        {
            signature.hints.insert(
                0,
                format!(
                    "{} key input{} could not be used: {}: {}",
                    unusable_keys.len(),
                    if unusable_keys.len() == 1 { "" } else { "s" },
                    first.source,
                    first.error
                ),
            );
        }

        let nested = match (&token, header.and_then(|h| h.get_str("cty"))) {
            (Some(t), Some(cty)) if cty.eq_ignore_ascii_case("JWT") && depth < MAX_NESTING => {
                t.payload.as_ref().and_then(Content::text).map(|inner| {
                    let inner = Request { input: inner, selected: 0, keys, ..*request };
                    Box::new(Self::build(&inner, depth + 1, with_findings))
                })
            }
            _ => None,
        };

        let checks = checks(token.as_ref(), &alg, &settings.expect);
        let findings = match &token {
            Some(t) if with_findings => lint::lint(&lint::Context {
                token: t,
                alg: &alg,
                signature: &signature,
                timeline: &timeline,
                keys,
                long_lifetime: settings.long_lifetime,
                expected_issuer: settings.expect.issuer.as_deref(),
                expected_audience: settings.expect.audience.as_deref(),
                repairs: candidate.map_or(&[], |c| c.repaired.as_slice()),
            }),
            _ => Vec::new(),
        };
        let high_findings = findings.iter().filter(|f| f.severity == Severity::High).count();
        let verdict = verdict(token.as_ref(), &errors, &alg, &signature, &timeline, &checks, high_findings);
        Self {
            candidates,
            selected,
            token,
            errors,
            alg,
            kid,
            signature,
            timeline,
            checks,
            findings,
            verdict,
            unusable_keys: unusable_keys.to_vec(),
            known_secret,
            nested,
        }
    }

    pub fn candidate(&self) -> Option<&Candidate> {
        self.selected.and_then(|i| self.candidates.get(i))
    }

    /// `jws`, `jwe`, or `invalid` (nothing readable as a compact token).
    pub fn kind(&self) -> &'static str {
        match self.token.as_ref().map(|t| t.kind) {
            Some(TokenKind::Jws) => "jws",
            Some(TokenKind::Jwe) => "jwe",
            None => "invalid",
        }
    }

    /// A server would accept the token: the verdict's outcome is `accepted`.
    pub fn passed(&self) -> bool {
        self.verdict.accepted()
    }

    /// The key that verified (or the only one tried), among `keys` (the request's keys) and
    /// the publicly known secret found, if any.
    pub fn signature_key<'a>(&'a self, keys: &'a [Key]) -> Option<&'a Key> {
        let index = self.signature.key?;
        keys.get(index).or_else(|| self.known_secret.as_ref().filter(|_| index == keys.len()))
    }
}

/// The checklist a server runs, from what the inspection found.
fn verdict(
    token: Option<&Token>,
    errors: &[InputError],
    alg: &AlgHeader,
    signature: &SignatureVerdict,
    timeline: &Timeline,
    checks: &[Check],
    high_findings: usize,
) -> Verdict {
    Verdict::new(&Facts {
        found: token.is_some(),
        input_error: errors.first().map(|e| e.message.as_str()),
        encrypted: token.is_some_and(|t| t.kind == TokenKind::Jwe),
        alg,
        allow_list: checks.iter().find(|c| c.name == "alg").map(|c| (c.passed, c.message.as_str())),
        signature,
        timeline,
        expectations: checks
            .iter()
            .filter_map(|c| Some((Expected::from_name(c.name)?, c.passed, c.message.as_str())))
            .collect(),
        high_findings,
    })
}

/// The selected candidate parsed as a token, and every problem reading it, placed in the input.
fn read_candidate(input: &str, candidate: Option<&Candidate>) -> (Option<Token>, Vec<InputError>) {
    let Some(candidate) = candidate else {
        let message = if input.trim().is_empty() {
            "paste a token: a JWT is three base64url segments separated by dots, usually starting with \"eyJ\""
        } else {
            "no token found in the text: a JWT is three base64url segments separated by dots, usually starting with \"eyJ\""
        };
        return (None, vec![InputError { message: message.to_owned(), offset: None }]);
    };
    match token::parse(&candidate.token) {
        Ok(token) => {
            let errors = token
                .errors
                .iter()
                .map(|e| InputError { message: e.to_string(), offset: e.offset().map(|o| candidate.input_offset(o)) })
                .collect();
            (Some(token), errors)
        }
        Err(error) => (None, vec![InputError { message: error.to_string(), offset: None }]),
    }
}

fn signature_verdict(token: Option<&Token>, alg: &AlgHeader, kid: Option<&str>, keys: &[Key]) -> SignatureVerdict {
    let unverifiable = |cause, reason: &str| SignatureVerdict::unverifiable(cause, reason);
    let Some(token) = token else { return unverifiable(SignatureCause::Unreadable, "there is no readable token") };
    if token.kind == TokenKind::Jwe {
        return unverifiable(
            SignatureCause::Encrypted,
            "the token is encrypted (JWE): it has no signature to check, and this tool does not decrypt",
        );
    }
    if token.header_object().is_none() {
        return unverifiable(
            SignatureCause::Unreadable,
            "the header could not be read, so nothing says how the token is signed",
        );
    }
    if matches!(alg, AlgHeader::None(_)) {
        // Whatever the signature segment holds, alg none is never verified.
        return verify::verify(
            &verify::Signed { alg, kid, signing_input: &[], signature: token.signature().unwrap_or_default() },
            keys,
        );
    }
    let Some(signature) = token.signature() else {
        return unverifiable(
            SignatureCause::Unreadable,
            "the signature segment is not base64url, so it cannot be checked",
        );
    };
    let Some(signing_input) = token.signing_input() else {
        return unverifiable(SignatureCause::Unreadable, "the token has no payload segment");
    };
    if token.unencoded_payload && token.segment_text(token::SegmentRole::Payload).is_some_and(str::is_empty) {
        return unverifiable(
            SignatureCause::Detached,
            "the payload is detached (b64: false with an empty payload segment): supply the payload to check the signature",
        );
    }
    verify::verify(&verify::Signed { alg, kid, signing_input: signing_input.as_bytes(), signature }, keys)
}

fn checks(token: Option<&Token>, alg: &AlgHeader, expect: &Expectations) -> Vec<Check> {
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

impl Inspection {
    /// The map between input, token and decoded positions of the selected token.
    pub fn positions(&self) -> Option<Positions<'_>> {
        let positions = self.candidate()?.positions();
        Some(self.token.as_ref().map_or(positions, |token| positions.with_token(token)))
    }

    /// The input characters that encode bytes `decoded` of the header or payload.
    pub fn encoded_ranges(&self, part: Part, decoded: Span) -> Vec<EncodedRange> {
        self.positions().map(|p| p.encoded_ranges(segment_role(part), decoded)).unwrap_or_default()
    }

    /// The decoded member whose encoding covers input byte `offset`: the part, and the index
    /// of the top-level member in that part's object.
    pub fn member_at_input(&self, offset: usize) -> Option<(Part, usize)> {
        let (role, bytes) = self.positions()?.decoded_at(offset)?;
        let token = self.token.as_ref()?;
        let (part, content) = match role {
            SegmentRole::Header => (Part::Header, token.header.as_ref()),
            SegmentRole::Payload => (Part::Payload, token.payload.as_ref()),
            _ => return None,
        };
        let root = content.and_then(Content::object)?;
        root.value
            .members()
            .iter()
            .position(|m| m.span().start < bytes.end && bytes.start < m.span().end)
            .map(|i| (part, i))
    }
}

/// The segment that holds a part of a JWS.
fn segment_role(part: Part) -> SegmentRole {
    match part {
        Part::Header => SegmentRole::Header,
        Part::Payload => SegmentRole::Payload,
        Part::Signature => SegmentRole::Signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::base64url;

    fn b64(text: &str) -> String {
        base64url::encode(text)
    }

    #[test]
    fn encoded_ranges_and_member_at_input_map_both_ways_through_a_wrapped_token() {
        let payload = r#"{"sub":"abc","name":"Grace Hopper"}"#;
        let token = format!("{}.{}.{}", b64(r#"{"alg":"none"}"#), b64(payload), "");
        let (first, second) = token.split_at(30);
        let input = format!("Bearer {first}\n  {second}");
        let inspection = Inspection::new(&input, &[], &Settings::default(), DateTime::UNIX_EPOCH);
        let claims = inspection.token.as_ref().and_then(Token::claims).expect("claims");
        let name = claims.value.members().get(1).expect("name").span();
        let ranges = inspection.encoded_ranges(Part::Payload, name);
        let covered: usize = ranges.iter().map(|r| r.span.end - r.span.start).sum();
        assert!(!ranges.is_empty());
        // Every character in the ranges maps back to the same member.
        for range in &ranges {
            for offset in range.span.start..range.span.end {
                let (part, member) = inspection.member_at_input(offset).expect("member");
                assert_eq!(part, Part::Payload);
                // Edge characters shared with the neighbour may map to it instead.
                let edge = (range.partial_start && offset == range.span.start)
                    || (range.partial_end && offset + 1 == range.span.end);
                assert!(member == 1 || edge, "offset {offset} maps to member {member}");
            }
        }
        assert_eq!(covered, (name.end * 8).div_ceil(6) - name.start * 4 / 3);
        // "Bearer " is not part of any member.
        assert_eq!(inspection.member_at_input(0), None);
    }
}
