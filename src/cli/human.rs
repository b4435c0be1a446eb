//! The human report: the verdict and its checklist first, in the order a server runs it,
//! then the token, the signature, the time, checks, findings and errors; coloured on a
//! terminal with the tones of the shared presentation. It is rendered from the typed
//! [`Report`] that `--json` serialises, so the two cannot say different things.

use crate::jose::timeline::relative;
use crate::jose::token::Content;
use crate::jose::verdict::{Outcome, StepStatus};
use crate::present::{self, Tone};
use crate::report::{Kind, Report};

/// How the human report is written.
pub struct Style {
    /// ANSI colours and bold (for a terminal).
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    fn tone(&self, tone: Tone, text: &str) -> String {
        self.paint(tone_code(tone), text)
    }
}

/// The terminal's colour for a tone (the GUI's palette has its own).
fn tone_code(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "32",
        Tone::Bad => "31",
        Tone::Warn => "33",
        Tone::Info => "36",
        Tone::Muted => "2",
    }
}

// jwt.io's convention: header red-pink, payload purple, signature cyan-blue.
const SEGMENT_COLORS: [&str; 5] = ["38;5;204", "38;5;135", "38;5;39", "38;5;208", "38;5;114"];

/// The human report (what `inspect` prints without `--json`): the verdict and its checklist
/// in the order a server runs it, then the details.
pub fn human(report: &Report<'_>, style: &Style) -> String {
    let mut out = Lines(String::new());
    verdict_section(&mut out, report, style);
    token_section(&mut out, report, style);
    signature_section(&mut out, report, style);
    time_section(&mut out, report, style);
    lists_section(&mut out, report, style);
    if let Some(nested) = &report.nested {
        out.line(String::new());
        out.line(style.bold("Nested token (cty: JWT):"));
        out.line(indent(&human(nested, style)));
    }
    out.0
}

/// The report being written, a line at a time.
struct Lines(String);

impl Lines {
    fn line(&mut self, text: impl AsRef<str>) {
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }
}

fn verdict_section(out: &mut Lines, report: &Report<'_>, style: &Style) {
    let verdict = report.verdict;
    out.line(style.bold(&style.tone(present::outcome(verdict.outcome).tone, &present::headline(verdict))));
    for (look, text) in present::checklist(verdict) {
        out.line(format!("  {}", style.tone(look.tone, &text)));
    }
    out.line(String::new());
}

/// Where the token was found, its segments coloured, and the decoded header and payload.
fn token_section(out: &mut Lines, report: &Report<'_>, style: &Style) {
    if let Some(candidate) = report.candidate() {
        let input = &report.input;
        let mut found = format!("Token {} of {}", input.selected.unwrap_or(0) + 1, input.candidates.len());
        if let Some(context) = candidate.context {
            found = format!("{found}, found in {context}");
        }
        out.line(style.bold(&found));
        for stripped in candidate.stripped {
            out.line(style.dim(&format!("  stripped: {stripped}")));
        }
    }
    if let Some(token) = report.token {
        let painted: Vec<String> = token
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                style.paint(
                    SEGMENT_COLORS.get(i).unwrap_or(&"0"),
                    token.text.get(s.span.start..s.span.end).unwrap_or_default(),
                )
            })
            .collect();
        out.line(format!("  {}", painted.join(&style.dim("."))));
        out.line(String::new());
        out.line(style.paint(SEGMENT_COLORS[0], &style.bold("Header")));
        out.line(indent(&content_text(report.header.0)));
        if report.kind == Kind::Jwe {
            for segment in token.segments.iter().skip(1) {
                let len = segment.decoded.as_ref().map_or(0, Vec::len);
                out.line(format!("  {}: {len} bytes", segment.role.label()));
            }
            if let Some(content) = report.payload.0 {
                let what = content.describe();
                out.line(style.paint(SEGMENT_COLORS[1], &style.bold(&format!("Decrypted content ({what})"))));
                out.line(indent(&content_text(Some(content))));
            } else {
                out.line(style.paint(SEGMENT_COLORS[1], &style.bold("Content")));
                out.line("  encrypted (JWE): the claims cannot be read until a key decrypts it");
            }
        } else {
            let what = report.payload.0.map_or_else(|| "unreadable".to_owned(), Content::describe);
            out.line(style.paint(SEGMENT_COLORS[1], &style.bold(&format!("Payload ({what})"))));
            out.line(indent(&content_text(report.payload.0)));
        }
    }
    out.line(String::new());
}

fn signature_section(out: &mut Lines, report: &Report<'_>, style: &Style) {
    let sig = &report.signature;
    let look = present::signature(sig.status);
    let bytes = sig.bytes.map_or(String::new(), |len| format!(", {len} bytes"));
    out.line(format!(
        "{} {}",
        style.bold(&format!("Signature ({}{bytes}):", report.alg.label())),
        style.tone(look.tone, &format!("{} — {}", look.label(), sig.reason))
    ));
    for hint in sig.hints {
        out.line(format!("  hint: {hint}"));
    }
    if sig.attempts.len() > 1 {
        for attempt in sig.attempts {
            out.line(style.dim(&format!("  tried {}: {}", attempt.label, attempt.outcome)));
        }
    }
}

fn time_section(out: &mut Lines, report: &Report<'_>, style: &Style) {
    let time = &report.time;
    let look = present::time(time.status);
    let leeway = if time.leeway > 0 { format!(", leeway {} s", time.leeway) } else { String::new() };
    out.line(format!(
        "{} {}",
        style.bold(&format!("Time (at {}{leeway}):", time.now.format("%Y-%m-%d %H:%M:%S UTC"))),
        style.tone(look.tone, &format!("{} — {}", look.label(), time.phrase))
    ));
    for claim in time.claims.0 {
        let text = match &claim.value {
            Ok(date) => format!("{} ({})", date.format("%Y-%m-%d %H:%M:%S UTC"), relative(*date, time.now)),
            Err(error) => error.to_string(),
        };
        out.line(format!("  {:<9} {:<14} {text}", claim.name, claim.raw));
        for note in &claim.notes {
            out.line(style.dim(&format!("  {:<9} {:<14} note: {note}", "", "")));
        }
    }
}

/// Expectation checks, findings, unusable keys and input errors, each when there are any.
fn lists_section(out: &mut Lines, report: &Report<'_>, style: &Style) {
    if !report.checks.is_empty() {
        out.line(style.bold("Checks:"));
        for check in report.checks {
            let status = if check.passed { StepStatus::Passed } else { StepStatus::Failed };
            let look = present::step_status(status);
            out.line(format!("  {} {}", style.tone(look.tone, look.icon), check.message));
        }
    }
    if !report.findings.is_empty() {
        out.line(style.bold("Findings:"));
        for finding in &report.findings {
            let look = present::severity(finding.severity);
            out.line(format!(
                "  {} {}: {} {}",
                style.tone(look.tone, &format!("[{}]", look.word)),
                finding.id,
                finding.message,
                style.dim(&format!("({})", finding.reference))
            ));
        }
    }
    if !report.unusable_keys.is_empty() {
        out.line(style.bold("Unusable keys:"));
        for key in report.unusable_keys {
            let look = crate::present::UNUSABLE_KEY;
            out.line(format!("  {} {}: {}", style.tone(look.tone, look.icon), key.source, key.error));
        }
    }
    if !report.errors.is_empty() {
        out.line(style.bold("Errors:"));
        for error in report.errors {
            out.line(format!("  {}", style.tone(Tone::Bad, &error.message)));
        }
    }
}

fn content_text(content: Option<&Content>) -> String {
    match content {
        None => "(could not be decoded)".to_owned(),
        Some(Content::Json { root, .. }) => serde_json::to_string_pretty(&root.to_serde()).unwrap_or_default(),
        Some(Content::Text { text, .. }) => text.clone(),
        Some(Content::Binary { bytes, utf8_error }) => {
            let hex: Vec<String> = bytes.iter().take(64).map(|b| format!("{b:02x}")).collect();
            let more = if bytes.len() > 64 { " …" } else { "" };
            format!("{} bytes, {utf8_error}: {}{more}", bytes.len(), hex.join(" "))
        }
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

/// The human report of a JWS JSON document: how many signatures verified, then each one.
pub fn human_document(report: &crate::report::DocumentReport<'_>, style: &Style) -> String {
    let mut out = Lines(String::new());
    let total = report.signatures.len();
    // The document is accepted only when every signature verified (the exit code says so too).
    let look = present::outcome(if report.passed { Outcome::Accepted } else { Outcome::Rejected });
    let headline =
        format!("{} {} of {total} signatures verified (JWS JSON, {} form)", look.icon, report.verified, report.form);
    out.line(style.bold(&style.tone(look.tone, &headline)));
    for (i, signature) in report.signatures.iter().enumerate() {
        let look = present::signature(signature.status);
        let alg = signature.alg.unwrap_or("(no alg)");
        let kid = signature.kid.map_or_else(String::new, |kid| format!(" kid {kid}"));
        let text = format!("{} — {}", look.label(), signature.reason);
        out.line(format!("  {}. {alg}{kid}: {}", i + 1, style.tone(look.tone, &text)));
    }
    out.line("");
    match (&report.payload_text, report.payload) {
        (Some(text), _) => {
            out.line(style.bold("Payload"));
            out.line(indent(text));
        }
        (None, None) => out.line(style.dim("The payload is detached: it is not in the document.")),
        (None, Some(_)) => out.line(style.dim("The payload is not UTF-8 text.")),
    }
    out.0
}
