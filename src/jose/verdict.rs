//! The one verdict: the ordered checklist a careful server runs on a token, and the answer
//! it would reach. Every shell shows this value and nothing of its own: the window title,
//! the verdict line, the status bar, the CLI report, `--json`, the exit code and each
//! `verify --batch` line. Computed once per inspection from what the core already found
//! (the signature verdict, the timeline, the expectation checks); pure, like the rest.

use std::borrow::Cow;

use crate::jose::alg::AlgHeader;
use crate::jose::timeline::{TimeStatus, Timeline};
use crate::jose::verify::{SignatureCause, SignatureStatus, SignatureVerdict};

/// The steps, in the order a server runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepId {
    /// The token can be read: structure, base64url, a JSON header.
    Structure,
    /// The algorithm is acceptable: not `none`, on the allow-list when one is set.
    Algorithm,
    /// The signature verifies with a key the user gave.
    Signature,
    /// `nbf`, `exp` (and `iat`) against now, with the leeway.
    Time,
    /// The expectations the user set: `iss`, `aud`, `sub`, `typ`.
    Expectations,
}

impl StepId {
    /// Every step, in the order a server runs them.
    pub const ALL: [Self; 5] = [Self::Structure, Self::Algorithm, Self::Signature, Self::Time, Self::Expectations];

    /// Stable, kebab-case, as in `--json`: `structure`, `algorithm`, …
    pub fn name(self) -> &'static str {
        match self {
            Self::Structure => "structure",
            Self::Algorithm => "algorithm",
            Self::Signature => "signature",
            Self::Time => "time",
            Self::Expectations => "expectations",
        }
    }
}

/// How a step came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepStatus {
    /// The step was checked and the token passed it.
    Passed,
    /// The step was checked and the token failed it: a server rejects the token.
    Failed,
    /// Could not be checked, or there was nothing to check; the cause says which.
    NotChecked,
}

impl StepStatus {
    /// Stable, kebab-case, as in `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::NotChecked => "not-checked",
        }
    }
}

/// A claim or header member the user expected a value of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expected {
    /// The `iss` claim.
    Iss,
    /// The `aud` claim (a string or an array of them).
    Aud,
    /// The `sub` claim.
    Sub,
    /// The header's `typ`.
    Typ,
}

impl Expected {
    /// The member's name: `iss`, `aud`, `sub` or `typ`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Iss => "iss",
            Self::Aud => "aud",
            Self::Sub => "sub",
            Self::Typ => "typ",
        }
    }
}

/// Why a step came out as it did: a fact, named by [`Cause::name`] in `--json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cause {
    // Structure.
    /// The compact token was read: segments, base64url and a JSON-object header.
    Readable,
    /// Nothing in the input looks like a token.
    NoToken,
    /// A token was found but cannot be read (bad base64url, a header that is not a JSON object…).
    Unreadable,
    // Algorithm.
    /// The algorithm is implemented and on the allow-list, when one is set.
    AlgAccepted,
    /// `alg` is `none` in any capitalisation: the token is not signed.
    AlgNone,
    /// The header has no `alg`, or it is not a string.
    AlgMissing,
    /// An `alg` this tool does not implement.
    AlgUnsupported,
    /// The algorithm is not on the user's allow-list.
    AlgNotAllowed,
    /// JWE: nothing here can be checked without decrypting.
    Encrypted,
    /// The signature step's cause, from the signature verdict.
    Signature(SignatureCause),
    /// The time step's cause: the timeline's status.
    Time(TimeStatus),
    // Expectations.
    /// Every expectation set was met.
    ExpectationsMet,
    /// No expectation was set: nothing to check.
    NoExpectations,
    /// The first expectation the token did not meet.
    ExpectationMismatch(Expected),
}

impl Cause {
    /// Stable, kebab-case.
    pub fn name(self) -> &'static str {
        match self {
            Self::Readable => "readable",
            Self::NoToken => "no-token",
            Self::Unreadable => "unreadable",
            Self::AlgAccepted => "alg-accepted",
            Self::AlgNone => "alg-none",
            Self::AlgMissing => "alg-missing",
            Self::AlgUnsupported => "alg-unsupported",
            Self::AlgNotAllowed => "alg-not-allowed",
            Self::Encrypted => "encrypted",
            Self::Signature(cause) => cause.name(),
            Self::Time(status) => status.name(),
            Self::ExpectationsMet => "expectations-met",
            Self::NoExpectations => "no-expectations",
            Self::ExpectationMismatch(Expected::Iss) => "iss-mismatch",
            Self::ExpectationMismatch(Expected::Aud) => "aud-mismatch",
            Self::ExpectationMismatch(Expected::Sub) => "sub-mismatch",
            Self::ExpectationMismatch(Expected::Typ) => "typ-mismatch",
        }
    }
}

impl serde::Serialize for Cause {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One step of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// Which step.
    #[serde(rename = "step")]
    pub id: StepId,
    /// Passed, failed or not checked.
    pub status: StepStatus,
    /// Why, as a fact.
    pub cause: Cause,
    /// The particulars, for people: "expired 3 h 12 min ago", `aud is ["billing-api"]`, ….
    /// Borrowed when fixed: `verify --batch` builds a verdict per line at crypto speed.
    pub detail: Cow<'static, str>,
}

/// What a server would do with the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Every deciding step passed: a server would take the token.
    Accepted,
    /// A step failed: a server would refuse the token.
    Rejected,
    /// Nothing failed, but something that decides could not be checked (e.g. no key).
    Undecided,
}

impl Outcome {
    /// Stable, kebab-case, as in `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Undecided => "undecided",
        }
    }
}

/// The verdict: the checklist a server runs and the answer it reaches.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Verdict {
    /// Accepted, rejected or undecided.
    pub outcome: Outcome,
    /// The first failed step (rejected), else the first undecided one (undecided).
    pub first_failure: Option<StepId>,
    /// Every step, in [`StepId::ALL`] order.
    pub steps: Vec<Step>,
    /// Findings of high severity: advice, not part of the checklist, but the overall line says so.
    pub high_findings: usize,
}

/// What the verdict is judged from.
pub struct Facts<'a> {
    /// A token was found.
    pub found: bool,
    /// The first problem reading it, if any (no token, bad base64url, a header that is not JSON…).
    pub input_error: Option<&'a str>,
    /// The token is a JWE: the signature cannot be checked without decrypting.
    pub encrypted: bool,
    /// The header's `alg`.
    pub alg: &'a AlgHeader,
    /// The allow-list check, when an allow-list is set: (allowed, message).
    pub allow_list: Option<(bool, &'a str)>,
    /// The signature verdict.
    pub signature: &'a SignatureVerdict,
    /// The time claims judged at `now`.
    pub timeline: &'a Timeline,
    /// The expectation checks (`iss`, `aud`, `sub`, `typ`): (name, passed, message).
    pub expectations: Vec<(Expected, bool, &'a str)>,
    /// How many findings are of high severity (0 when findings were not computed).
    pub high_findings: usize,
}

impl Verdict {
    /// Runs the checklist on `facts`: each step, the outcome and the step that decided it.
    pub fn new(facts: &Facts<'_>) -> Self {
        let steps = vec![structure(facts), algorithm(facts), signature(facts), time(facts), expectations(facts)];
        Self::decide(steps, facts.high_findings)
    }

    /// This verdict with a nested token's (`cty: JWT`): a server accepts the outer token
    /// only if it accepts the inner one too, and the claims usually live inside. Step by
    /// step, a failure of either decides (the outer's first); where the outer could not
    /// judge and the inner could (the time and expectations of claims carried inside), the
    /// inner's step stands. Inner details say they are about the nested token.
    /// When the outer token carries no claims of its own (`outer_has_claims` false: its
    /// payload is the inner token), its time and expectations are the inner token's.
    #[must_use]
    pub fn with_nested(&self, inner: &Self, outer_has_claims: bool) -> Self {
        let nested =
            |step: &Step| Step { detail: Cow::Owned(format!("the nested token: {}", step.detail)), ..step.clone() };
        let steps: Vec<Step> = self
            .steps
            .iter()
            .zip(&inner.steps)
            .map(|(outer, inside)| match (outer.status, inside.status) {
                _ if !outer_has_claims && matches!(outer.id, StepId::Time | StepId::Expectations) => nested(inside),
                (StepStatus::Failed, _) => outer.clone(),
                (_, StepStatus::Failed) => nested(inside),
                (StepStatus::NotChecked, StepStatus::Passed)
                    if matches!(outer.id, StepId::Time | StepId::Expectations) =>
                {
                    nested(inside)
                }
                (StepStatus::Passed, StepStatus::NotChecked)
                    if matches!(outer.id, StepId::Structure | StepId::Algorithm | StepId::Signature) =>
                {
                    nested(inside)
                }
                _ => outer.clone(),
            })
            .collect();
        Self::decide(steps, self.high_findings + inner.high_findings)
    }

    /// The outcome of these steps: rejected at the first failure, else undecided at the first
    /// deciding step not checked, else accepted.
    fn decide(steps: Vec<Step>, high_findings: usize) -> Self {
        let failed = steps.iter().find(|s| s.status == StepStatus::Failed);
        // Only the steps that decide acceptance make it undecided: no claims to judge (a JWS
        // whose payload is text) or no expectations set are not reasons to doubt a token.
        let undecided = steps.iter().find(|s| {
            s.status == StepStatus::NotChecked
                && matches!(s.id, StepId::Structure | StepId::Algorithm | StepId::Signature)
        });
        let (outcome, first_failure) = match (failed, undecided) {
            (Some(step), _) => (Outcome::Rejected, Some(step.id)),
            (None, Some(step)) => (Outcome::Undecided, Some(step.id)),
            (None, None) => (Outcome::Accepted, None),
        };
        Self { outcome, first_failure, steps, high_findings }
    }

    /// The step `id`, always present in a verdict built by [`Verdict::new`].
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The step that decided a rejected or undecided outcome.
    pub fn deciding_step(&self) -> Option<&Step> {
        self.first_failure.and_then(|id| self.step(id))
    }

    /// The outcome is [`Outcome::Accepted`].
    pub fn accepted(&self) -> bool {
        self.outcome == Outcome::Accepted
    }
}

fn step(id: StepId, status: StepStatus, cause: Cause, detail: impl Into<Cow<'static, str>>) -> Step {
    Step { id, status, cause, detail: detail.into() }
}

fn structure(facts: &Facts<'_>) -> Step {
    let id = StepId::Structure;
    match (facts.found, facts.input_error) {
        (false, error) => {
            step(id, StepStatus::Failed, Cause::NoToken, error.map_or(Cow::Borrowed("no token found"), owned))
        }
        (true, Some(error)) => step(id, StepStatus::Failed, Cause::Unreadable, owned(error)),
        (true, None) if facts.encrypted => {
            step(id, StepStatus::Passed, Cause::Readable, "an encrypted token (JWE) with a readable JSON header")
        }
        (true, None) => step(id, StepStatus::Passed, Cause::Readable, "base64url segments with a JSON header"),
    }
}

fn algorithm(facts: &Facts<'_>) -> Step {
    let id = StepId::Algorithm;
    if !facts.found || facts.input_error.is_some() {
        return step(id, StepStatus::NotChecked, Cause::Unreadable, "the token cannot be read");
    }
    if facts.encrypted {
        // A JWE's algorithms are its key management and content encryption: decrypting it
        // is what shows this tool implements them.
        return if facts.signature.cause == SignatureCause::Decrypted {
            step(id, StepStatus::Passed, Cause::Encrypted, "the key management and content encryption are implemented")
        } else {
            step(
                id,
                StepStatus::NotChecked,
                Cause::Encrypted,
                "the token is encrypted (JWE): nothing in it can be checked until a key decrypts it",
            )
        };
    }
    if let Some((false, message)) = facts.allow_list {
        return step(id, StepStatus::Failed, Cause::AlgNotAllowed, owned(message));
    }
    match facts.alg {
        AlgHeader::None(text) => {
            step(id, StepStatus::Failed, Cause::AlgNone, format!("alg is {text:?}: the token is not signed"))
        }
        AlgHeader::Missing => step(id, StepStatus::Failed, Cause::AlgMissing, "the header has no alg"),
        AlgHeader::NotAString(kind) => {
            step(id, StepStatus::Failed, Cause::AlgMissing, format!("alg is {kind}, not a string"))
        }
        AlgHeader::Unimplemented(alg) => step(id, StepStatus::NotChecked, Cause::AlgUnsupported, alg.why()),
        AlgHeader::Unsupported(text) => step(
            id,
            StepStatus::NotChecked,
            Cause::AlgUnsupported,
            format!("alg {text:?} is not an algorithm this tool implements"),
        ),
        AlgHeader::Known(alg) => match facts.allow_list {
            Some((true, _)) => step(id, StepStatus::Passed, Cause::AlgAccepted, format!("{alg} is on the allow-list")),
            _ => step(id, StepStatus::Passed, Cause::AlgAccepted, alg.name()),
        },
    }
}

fn signature(facts: &Facts<'_>) -> Step {
    let verdict = facts.signature;
    let status = match verdict.status {
        SignatureStatus::Valid => StepStatus::Passed,
        SignatureStatus::Invalid | SignatureStatus::NotSigned => StepStatus::Failed,
        SignatureStatus::Unverifiable => StepStatus::NotChecked,
    };
    step(StepId::Signature, status, Cause::Signature(verdict.cause), verdict.reason.clone())
}

fn time(facts: &Facts<'_>) -> Step {
    let timeline = facts.timeline;
    let status = match timeline.status {
        TimeStatus::Valid | TimeStatus::NoExp => StepStatus::Passed,
        TimeStatus::Expired | TimeStatus::NotYetValid | TimeStatus::IssuedInFuture | TimeStatus::Invalid => {
            StepStatus::Failed
        }
        TimeStatus::NotApplicable => StepStatus::NotChecked,
    };
    let detail: Cow<'static, str> = if timeline.status == TimeStatus::NotApplicable && facts.found && !facts.encrypted {
        Cow::Borrowed("no claims to judge: the payload is not a JSON object")
    } else {
        Cow::Owned(timeline.phrase.clone())
    };
    step(StepId::Time, status, Cause::Time(timeline.status), detail)
}

fn expectations(facts: &Facts<'_>) -> Step {
    let id = StepId::Expectations;
    if facts.expectations.is_empty() {
        return step(id, StepStatus::NotChecked, Cause::NoExpectations, "no expected iss, aud, sub or typ was set");
    }
    if let Some((name, _, message)) = facts.expectations.iter().find(|(_, passed, _)| !passed) {
        return step(id, StepStatus::Failed, Cause::ExpectationMismatch(*name), owned(message));
    }
    let names: Vec<&str> = facts.expectations.iter().map(|(name, _, _)| name.name()).collect();
    step(id, StepStatus::Passed, Cause::ExpectationsMet, format!("{} as expected", names.join(", ")))
}

fn owned(text: &str) -> Cow<'static, str> {
    Cow::Owned(text.to_owned())
}
