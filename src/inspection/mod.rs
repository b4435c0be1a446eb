//! Everything derived from (input text, loaded keys, settings, now): the one value the GUI
//! draws and the CLI prints. It is rebuilt whenever an input changes, never patched, so
//! no two views can disagree.

mod positions;
mod settings;
mod signature;

use chrono::{DateTime, Utc};

pub use crate::jose::expect::{Check, Checked};
pub use crate::jose::positions::EncodedRange;
pub use settings::{Expectations, Settings};

use crate::jose::alg::AlgHeader;
use crate::jose::extract::{self, Candidate};
use crate::jose::jwe;
use crate::jose::keys::{Key, UnusableKey};
use crate::jose::lint::{self, Finding, Severity};
use crate::jose::timeline::Timeline;
use crate::jose::token::{self, Content, Token, TokenKind};
use crate::jose::verdict::{Facts, Verdict};
use crate::jose::verify::SignatureVerdict;
use signature::Judged;

/// How deep `cty: JWT` nesting is followed.
pub const MAX_NESTING: usize = 4;

/// A problem with the input itself, with where it is in the input text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    /// What is wrong, in a sentence a user can act on.
    pub message: String,
    /// Byte offset in the input text, when the error points at a character.
    pub offset: Option<usize>,
}

/// What to inspect, and with what. Everything the core needs, passed in.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The text as pasted or read: a token, a header line, a cookie, JSON, a log.
    pub input: &'a str,
    /// Which candidate to inspect (clamped to the candidates found); 0 = the first.
    pub selected: usize,
    /// The keys to verify with, in the order they are tried.
    pub keys: &'a [Key],
    /// Key inputs that could not be used: listed in the report, and named when no other
    /// key checks the signature.
    pub unusable_keys: &'a [UnusableKey],
    /// Leeway, lifetime limit and expectations.
    pub settings: &'a Settings,
    /// The time the token is judged at: the core never reads the clock.
    pub now: DateTime<Utc>,
    /// When no key of the user's checks an HS256/384/512 token, try the built-in list of
    /// publicly known secrets (67 ms for HS256 on a 300-byte token): on for `inspect`, off for `verify
    /// --batch` (crypto speed) and on the GUI's UI thread (it searches in the background).
    pub known_secrets: bool,
}

impl<'a> Request<'a> {
    /// The first token in `input` with `settings`, no keys and no known-secret search.
    pub fn new(input: &'a str, settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self { input, selected: 0, keys: &[], unusable_keys: &[], settings, now, known_secrets: false }
    }
}

/// Everything known about the selected token in the input.
#[derive(Clone, Debug)]
pub struct Inspection {
    /// Every token found in the input, in order of appearance.
    pub candidates: Vec<Candidate>,
    /// Index into `candidates`; `None` when nothing was found.
    pub selected: Option<usize>,
    /// The selected candidate parsed; `None` when nothing could be read as a compact token.
    pub token: Option<Token>,
    /// Problems reading the input, in input order; empty for a readable token.
    pub errors: Vec<InputError>,
    /// The header's `alg`, as written.
    pub alg: AlgHeader,
    /// The header's `kid`, when it is a string.
    pub kid: Option<String>,
    /// The signature checked with the request's keys (and a known secret found).
    pub signature: SignatureVerdict,
    /// The time claims read and judged at the request's `now`.
    pub timeline: Timeline,
    /// The request's expectations checked: one per expectation set.
    pub checks: Vec<Check>,
    /// What the linter found, most severe first; empty from [`Inspection::verdict_only`].
    pub findings: Vec<Finding>,
    /// What a server would do with the token: the ordered checklist and its outcome.
    pub verdict: Verdict,
    /// Key inputs that could not be used (from the request).
    pub unusable_keys: Vec<UnusableKey>,
    /// The publicly known secret that verified the token, when the request asked for the
    /// search and no key of the user's could check it.
    pub known_secret: Option<Key>,
    /// The inner token of a `cty: JWT` payload (of a JWE: of its plaintext).
    pub nested: Option<Box<Inspection>>,
    /// A JWE decrypted with the request's keys, or why it was not; `None` for a JWS.
    pub decryption: Option<Result<crate::jose::jwe::Decrypted, crate::jose::jwe::JweError>>,
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
        let Request { input, selected, unusable_keys, settings, now, .. } = *request;
        let candidates = extract::extract(input);
        let selected = (!candidates.is_empty()).then(|| selected.min(candidates.len() - 1));
        let candidate = selected.and_then(|i| candidates.get(i));
        let (mut token, errors) = read_candidate(input, candidate);
        // A JWE is decrypted with the request's keys first: its plaintext is then the payload
        // every later step reads (claims, timeline, findings, a nested token).
        let decryption = token.as_ref().filter(|t| t.kind == TokenKind::Jwe).map(|t| jwe::decrypt(t, request.keys));
        if let (Some(token), Some(Ok(decrypted))) = (token.as_mut(), &decryption) {
            token.payload = Some(Content::from_bytes(&decrypted.plaintext));
        }

        let header = token.as_ref().and_then(Token::header_object);
        let alg = AlgHeader::from_header(header.and_then(|h| h.get("alg")));
        let kid = header.and_then(|h| h.get_str("kid")).map(str::to_owned);
        let payload_text = token.as_ref().and_then(|t| t.payload.as_ref()).and_then(Content::text).unwrap_or_default();
        let claims = token.as_ref().and_then(Token::claims);
        let timeline = Timeline::new(claims, payload_text, now, settings.leeway);
        let Judged { verdict: signature, known_secret, keys } =
            signature::judge(token.as_ref(), &alg, kid.as_deref(), request, decryption.as_ref());
        let keys: &[Key] = &keys;

        let nested = match (&token, header.and_then(|h| h.get_str("cty"))) {
            (Some(t), Some(cty)) if cty.eq_ignore_ascii_case("JWT") && depth < MAX_NESTING => {
                t.payload.as_ref().and_then(Content::text).map(|inner| {
                    let inner = Request { input: inner, selected: 0, keys, ..*request };
                    Box::new(Self::build(&inner, depth + 1, with_findings))
                })
            }
            _ => None,
        };

        let checks = crate::jose::expect::checks(token.as_ref(), &alg, &settings.expect);
        let findings = match &token {
            Some(t) if with_findings => lint::lint(&lint::Context {
                token: t,
                alg: &alg,
                signature: &signature,
                timeline: &timeline,
                keys,
                long_lifetime: settings.long_lifetime,
                checks: &checks,
                repairs: candidate.map_or(&[], |c| c.repaired.as_slice()),
            }),
            _ => Vec::new(),
        };
        let high_findings = findings.iter().filter(|f| f.severity == Severity::High).count();
        let verdict = verdict(token.as_ref(), &errors, &alg, &signature, &timeline, &checks, high_findings);
        // A nested token is part of what a server accepts: its verdict counts in this one.
        let verdict = match &nested {
            Some(inner) => verdict.with_nested(&inner.verdict, claims.is_some()),
            None => verdict,
        };
        // An outer token without claims of its own (its payload is the inner token) shows the
        // inner token's times, as its verdict judges them.
        let timeline = match (&nested, claims) {
            (Some(inner), None) => inner.timeline.clone(),
            _ => timeline,
        };
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
            decryption,
        }
    }

    /// The selected candidate, when a token was found.
    pub fn candidate(&self) -> Option<&Candidate> {
        self.selected.and_then(|i| self.candidates.get(i))
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
        allow_list: checks
            .iter()
            .find(|c| c.checked == Checked::AllowedAlgorithm)
            .map(|c| (c.passed, c.message.as_str())),
        signature,
        timeline,
        expectations: checks
            .iter()
            .filter_map(|c| match c.checked {
                Checked::Member(expected) => Some((expected, c.passed, c.message.as_str())),
                Checked::AllowedAlgorithm => None,
            })
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
