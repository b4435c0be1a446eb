//! Words and icons: the one place where the core's facts (statuses, causes, the verdict)
//! become what people read. The CLI and the GUI both draw from here, so an expired token
//! looks the same in both; they only add colour, from [`Tone`].

use crate::inspection::Inspection;
use crate::jose::findings::Severity;
use crate::jose::timeline::TimeStatus;
use crate::jose::token::TokenKind;
use crate::jose::verdict::{Cause, Expected, Outcome, StepId, StepStatus, Verdict};
use crate::jose::verify::{SignatureCause, SignatureStatus};

/// What colour a status gets: each shell maps it to its own palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Passed, verified, valid: nothing to worry about.
    Good,
    /// Failed or rejected: a server would refuse the token.
    Bad,
    /// Undecided or worth a look: a warning, not a failure.
    Warn,
    /// A remark with no verdict in it (low-severity findings).
    Info,
    /// Nothing to say: not checked, not applicable.
    Muted,
}

/// An icon, a word and a tone: how one status is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Look {
    /// One character, the same in every shell: `✔`, `✖`, `⚠`, `?`, `–` or `•`.
    pub icon: &'static str,
    /// Lower case, to follow the icon: "verified", "not yet valid".
    pub word: &'static str,
    /// The colour the shell gives it.
    pub tone: Tone,
}

impl Look {
    const fn new(icon: &'static str, word: &'static str, tone: Tone) -> Self {
        Self { icon, word, tone }
    }

    /// "✔ verified".
    pub fn label(self) -> String {
        format!("{} {}", self.icon, self.word)
    }
}

/// The verdict's outcome: "✔ accepted", "✖ rejected", "? undecided".
pub fn outcome(outcome: Outcome) -> Look {
    match outcome {
        Outcome::Accepted => Look::new("✔", "accepted", Tone::Good),
        Outcome::Rejected => Look::new("✖", "rejected", Tone::Bad),
        Outcome::Undecided => Look::new("?", "undecided", Tone::Warn),
    }
}

/// A checklist step's status: passed, failed or not checked.
pub fn step_status(status: StepStatus) -> Look {
    match status {
        StepStatus::Passed => Look::new("✔", "passed", Tone::Good),
        StepStatus::Failed => Look::new("✖", "failed", Tone::Bad),
        StepStatus::NotChecked => Look::new("–", "not checked", Tone::Muted),
    }
}

/// A step in a word or two, for the compact checklist: "signature".
pub fn step_short(id: StepId) -> &'static str {
    match id {
        StepId::Structure => "readable",
        StepId::Algorithm => "algorithm",
        StepId::Signature => "signature",
        StepId::Time => "time",
        StepId::Expectations => "expectations",
    }
}

/// A step's name as the checklist reads: "1. The token can be read".
pub fn step_name(id: StepId) -> &'static str {
    match id {
        StepId::Structure => "The token can be read",
        StepId::Algorithm => "The algorithm is acceptable",
        StepId::Signature => "The signature verifies",
        StepId::Time => "The time is right",
        StepId::Expectations => "The expected issuer, audience, subject and type",
    }
}

/// The signature's status: verified, does not match, not checked, not signed.
pub fn signature(status: SignatureStatus) -> Look {
    match status {
        SignatureStatus::Valid => Look::new("✔", "verified", Tone::Good),
        SignatureStatus::Invalid => Look::new("✖", "does not match", Tone::Bad),
        SignatureStatus::Unverifiable => Look::new("?", "not checked", Tone::Warn),
        SignatureStatus::NotSigned => Look::new("✖", "not signed", Tone::Bad),
    }
}

/// The time claims' status at the inspection's `now`.
pub fn time(status: TimeStatus) -> Look {
    match status {
        TimeStatus::Valid => Look::new("✔", "valid now", Tone::Good),
        TimeStatus::Expired => Look::new("✖", "expired", Tone::Bad),
        TimeStatus::NotYetValid => Look::new("✖", "not yet valid", Tone::Bad),
        TimeStatus::IssuedInFuture => Look::new("✖", "issued in the future", Tone::Bad),
        TimeStatus::NoExp => Look::new("⚠", "never expires", Tone::Warn),
        TimeStatus::Invalid => Look::new("✖", "invalid time claim", Tone::Bad),
        TimeStatus::NotApplicable => Look::new("–", "no claims", Tone::Muted),
    }
}

/// A finding's severity; the icon carries it without colour.
pub fn severity(severity: Severity) -> Look {
    match severity {
        Severity::High => Look::new("✖", "high", Tone::Bad),
        Severity::Medium => Look::new("⚠", "medium", Tone::Warn),
        Severity::Low => Look::new("•", "low", Tone::Info),
        Severity::Info => Look::new("•", "info", Tone::Muted),
    }
}

/// A key input that could not be used (beside the keys in the window, and in the CLI report).
pub const UNUSABLE_KEY: Look = Look::new("✖", "unusable", Tone::Bad);

/// An expectation check (issuer, audience, allowed algorithms…): passed or failed.
pub fn check(passed: bool) -> Look {
    if passed { Look::new("✔", "met", Tone::Good) } else { Look::new("✖", "not met", Tone::Bad) }
}

/// A cause in two or three words, for the window title ("rejected · expired").
pub fn cause_short(cause: Cause) -> &'static str {
    match cause {
        Cause::Readable => "readable",
        Cause::NoToken => "no token",
        Cause::Unreadable => "unreadable token",
        Cause::AlgAccepted => "algorithm accepted",
        Cause::AlgNone => "alg none",
        Cause::AlgMissing => "no alg",
        Cause::AlgUnsupported => "unsupported alg",
        Cause::AlgNotAllowed => "alg not allowed",
        Cause::Encrypted => "encrypted (JWE)",
        Cause::Signature(cause) => match cause {
            SignatureCause::Verified => "verified",
            SignatureCause::KnownSecret => "publicly known secret",
            SignatureCause::Mismatch => "signature mismatch",
            SignatureCause::KeyConfusion => "algorithm confusion",
            SignatureCause::EmptySignature => "empty signature",
            SignatureCause::PsychicSignature => "psychic signature",
            SignatureCause::DerEcdsa => "DER signature",
            SignatureCause::WrongLength => "wrong signature length",
            SignatureCause::NotSigned => "not signed",
            SignatureCause::NoKey => "no key",
            SignatureCause::OnlyDemoKey => "no key of yours",
            SignatureCause::NoFittingKey => "no fitting key",
            SignatureCause::KeyUnusable => "key unusable",
            SignatureCause::UnsupportedAlg => "unsupported alg",
            SignatureCause::MissingAlg => "no alg",
            SignatureCause::Encrypted => "encrypted (JWE)",
            SignatureCause::Decrypted => "decrypted",
            SignatureCause::DecryptionFailed => "decryption failed",
            SignatureCause::Unreadable => "unreadable signature",
            SignatureCause::Detached => "detached payload",
        },
        Cause::Time(status) => time(status).word,
        Cause::ExpectationsMet => "as expected",
        Cause::NoExpectations => "no expectations",
        Cause::ExpectationMismatch(Expected::Iss) => "wrong issuer",
        Cause::ExpectationMismatch(Expected::Aud) => "wrong audience",
        Cause::ExpectationMismatch(Expected::Sub) => "wrong subject",
        Cause::ExpectationMismatch(Expected::Typ) => "wrong typ",
    }
}

/// "1 high finding", "3 high findings", or nothing.
fn high_findings(verdict: &Verdict) -> Option<String> {
    match verdict.high_findings {
        0 => None,
        1 => Some("1 high finding".to_owned()),
        n => Some(format!("{n} high findings")),
    }
}

/// The answer in one line, the most visible text there is: "✖ Rejected: expired 3 h 12 min
/// ago", "✔ Accepted · 1 high finding", "? Undecided: no key loaded: …".
pub fn headline(verdict: &Verdict) -> String {
    let look = outcome(verdict.outcome);
    let mut word = look.word.to_owned();
    if let Some(first) = word.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let mut line = match verdict.deciding_step() {
        Some(step) => format!("{} {word}: {}", look.icon, step.detail),
        None => format!("{} {word}", look.icon),
    };
    if let Some(high) = high_findings(verdict) {
        line.push_str(" · ");
        line.push_str(&high);
    }
    line
}

/// For window titles: "RS256 · ✖ rejected · expired" (changes only with the verdict, not
/// with the clock).
pub fn title(inspection: &Inspection) -> String {
    let verdict = &inspection.verdict;
    let look = outcome(verdict.outcome);
    let alg = inspection.alg.label();
    match (&inspection.token, verdict.deciding_step()) {
        (None, _) => format!("{} · no token", look.label()),
        (Some(t), _) if t.kind == TokenKind::Jwe => format!("{alg} · {} · encrypted (JWE)", look.label()),
        (Some(_), Some(step)) => format!("{alg} · {} · {}", look.label(), cause_short(step.cause)),
        (Some(_), None) => format!("{alg} · {}", look.label()),
    }
}

/// The checklist as text lines, for the CLI and for tests: "✔ 1. The token can be read — …".
pub fn checklist(verdict: &Verdict) -> Vec<(Look, String)> {
    verdict
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let look = step_status(step.status);
            (look, format!("{} {}. {} — {}", look.icon, i + 1, step_name(step.id), step.detail))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failing_status_has_the_same_icon() {
        for status in [TimeStatus::Expired, TimeStatus::NotYetValid, TimeStatus::IssuedInFuture, TimeStatus::Invalid] {
            assert_eq!(time(status).icon, "✖");
            assert_eq!(time(status).tone, Tone::Bad);
        }
        assert_eq!(signature(SignatureStatus::Invalid).icon, step_status(StepStatus::Failed).icon);
        assert_eq!(outcome(Outcome::Rejected).icon, step_status(StepStatus::Failed).icon);
    }
}
