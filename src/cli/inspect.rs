//! `inspect`: one token, every fact about it, as the human report or `--json`; the exit code
//! from the verdict.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use crate::cli::args::{Color, InspectArgs};
use crate::cli::human::{Style, human, human_document};
use crate::cli::input::{LoadedKeys, load_keys, read_input};
use crate::inspection::{Expectations, Inspection, Request, Settings};
use crate::report::{DocumentReport, Report};

/// Runs `inspect`: reads the token text and keys, inspects, prints the report (human or
/// `--json`); the exit code comes from the verdict.
pub fn inspect(args: &InspectArgs) -> Result<ExitCode, String> {
    let input = read_input(args.token.as_deref())?;
    let LoadedKeys { keys, unusable } = load_keys(&args.keys)?;
    let (now, leeway) = args.time.resolve()?;
    let settings = Settings {
        leeway,
        expect: Expectations {
            issuer: args.iss.clone(),
            audience: args.aud.clone(),
            subject: args.sub.clone(),
            typ: args.typ.clone(),
            algorithms: args.algorithms.clone(),
        },
        ..Settings::default()
    };
    // A JWS JSON document (RFC 7515 §7.2): each signature checked on its own.
    if let Ok(document) = crate::jose::jws_json::parse(&input) {
        let detached = detached_payload(args.payload_file.as_deref(), &document)?;
        let report = DocumentReport::new(&document, &keys, detached.as_deref());
        let style = Style { color: use_color(args.color) };
        print(args.json, &report, || human_document(&report, &style))?;
        return Ok(if report.passed { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let inspection = Inspection::inspect(&Request {
        input: &input,
        selected: args.select.saturating_sub(1),
        keys: &keys,
        unusable_keys: &unusable,
        settings: &settings,
        now,
        known_secrets: true,
    });
    // One report, printed as JSON or as text: the two cannot disagree.
    let report = Report::new(&inspection, &keys);
    let style = Style { color: use_color(args.color) };
    print(args.json, &report, || human(&report, &style))?;
    Ok(exit_code(&inspection))
}

/// The detached payload from `--payload-file`, as it would appear in the document's
/// `payload`: base64url of the file's bytes, or the bytes themselves under `b64: false`.
fn detached_payload(
    path: Option<&std::path::Path>,
    document: &crate::jose::jws_json::Document,
) -> Result<Option<String>, String> {
    let Some(path) = path else { return Ok(None) };
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if document.signatures.first().is_some_and(|s| s.unencoded) {
        return String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{}: an unencoded (b64: false) payload must be UTF-8 text", path.display()));
    }
    Ok(Some(crate::jose::base64url::encode(bytes)))
}

/// Prints `report` as pretty JSON, or as the text `human` renders; a closed pipe is not an
/// error (`inspect … | head`).
fn print(json: bool, report: &impl serde::Serialize, human: impl FnOnce() -> String) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, report).map_err(std::io::Error::other).and_then(|()| writeln!(out))
    } else {
        out.write_all(human().as_bytes())
    };
    match written {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the report: {error}"))
        }
        _ => Ok(()),
    }
}

/// Whether to colour the human report.
fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// From the verdict: 0 accepted, 1 rejected or undecided.
pub fn exit_code(inspection: &Inspection) -> ExitCode {
    if inspection.verdict.accepted() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
