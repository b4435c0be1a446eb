//! The command line: clap → core → stdout. Reads files and the clock, hands bytes and
//! `now` to the core, prints the result. Exit codes come from the core's verdict: 0
//! accepted, 1 rejected or undecided, 2 unusable arguments (a file that cannot be read, a
//! bad option) or an I/O error.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};

mod batch_stream;

use crate::batch::BatchVerifier;
use crate::inspection::{Expectations, Inspection, Request, Settings};
use crate::jose::keys::{self, Key, SecretEncoding, UnusableKey};
use crate::jose::timeline::relative;
use crate::jose::token::Content;
use crate::present::{self, Tone};

#[derive(Debug, Parser)]
#[command(
    name = "jwt-inspector",
    version,
    about = "Look inside JSON Web Tokens, prove them, and make new ones: offline."
)]
#[command(after_help = "Without a subcommand, the desktop app starts.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decode a token, verify it with the given keys, and report everything found.
    Inspect(Box<InspectArgs>),
    /// Sign a header and payload, byte for byte as given, and print the token.
    Sign(SignArgs),
    /// Generate a key and write it as PEM, JWK and JWKS files.
    Keygen(KeygenArgs),
    /// Look for the HMAC secret of an HS256/384/512 token among publicly known secrets.
    Crack(CrackArgs),
    /// Verify many tokens: one token (or one line holding one) per line of standard input,
    /// one JSON line out per token, totals on stderr.
    Verify(VerifyArgs),
    /// Open the desktop app on a token and keys instead of the demo.
    Gui(GuiArgs),
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The algorithm: HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA.
    #[arg(long)]
    pub alg: String,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// The header's JSON text, or @FILE; default {"alg":ALG,"typ":"JWT"}.
    #[arg(long, value_name = "JSON")]
    pub header: Option<String>,
    /// The payload's text (usually JSON), or @FILE. It is signed exactly as given.
    #[arg(long, value_name = "JSON")]
    pub payload: String,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeyType {
    Rsa,
    Ec,
    Ed25519,
    Hmac,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    #[arg(long = "type", value_enum)]
    pub key_type: KeyType,
    /// RSA: 2048, 3072 or 4096 (default 2048); HMAC: 256, 384 or 512 (default 256).
    #[arg(long)]
    pub bits: Option<usize>,
    /// EC: P-256, P-384 or P-521 (default P-256).
    #[arg(long)]
    pub curve: Option<String>,
    /// Where to write the files (created if missing; existing files are never overwritten).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Read tokens from standard input, one per line (required: the only mode for now).
    #[arg(long, required = true)]
    pub batch: bool,
    #[command(flatten)]
    pub keys: KeyArgs,
    #[command(flatten)]
    pub time: TimeArgs,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct CrackArgs {
    /// The token or any text holding one; `-` reads standard input; `@FILE` reads a file.
    pub token: String,
    /// More candidate secrets, one per line, tried after the built-in list.
    #[arg(long, value_name = "FILE")]
    pub wordlist: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GuiArgs {
    /// The token or any text holding one; `@FILE` reads a file.
    pub token: Option<String>,
    /// Key file to load (PEM, certificate, DER, JWK, JWKS). Repeatable.
    #[arg(long = "key", value_name = "FILE")]
    pub keys: Vec<PathBuf>,
    /// Start in presenter mode (large fonts).
    #[arg(long)]
    pub presenter: bool,
    /// Measurement aid: print the time from process start to the first frame on stderr.
    #[arg(long, hide = true)]
    pub report_startup: bool,
    /// Measurement aid: close the window after this many seconds.
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub exit_after: Option<f64>,
}

/// What the desktop app opens on, read by the CLI (files are read here, not in the app).
#[derive(Debug, Default)]
pub struct Startup {
    pub token: Option<String>,
    /// (file name, bytes) of each key file.
    pub keys: Vec<(String, Vec<u8>)>,
    pub presenter: bool,
    /// When the process started (for `--report-startup`).
    pub started: Option<std::time::Instant>,
    pub report_startup: bool,
    pub exit_after: Option<std::time::Duration>,
}

/// Time options shared by every subcommand that judges validity.
#[derive(Debug, Args)]
pub struct TimeArgs {
    /// Evaluate times at this instant (Unix seconds) instead of the clock.
    #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
    pub now: Option<i64>,
    /// Seconds of clock-skew tolerance on exp and nbf.
    #[arg(long, value_name = "SECONDS", default_value_t = 0)]
    pub leeway: i64,
}

impl TimeArgs {
    /// `--now` when given, else the clock (the CLI is where the clock is read), and the
    /// leeway, checked.
    fn resolve(&self) -> Result<(DateTime<Utc>, i64), String> {
        if self.leeway < 0 {
            return Err("--leeway must not be negative".to_owned());
        }
        let now = match self.now {
            Some(seconds) => DateTime::from_timestamp(seconds, 0)
                .ok_or_else(|| format!("--now {seconds} is not a representable time"))?,
            None => Utc::now(),
        };
        Ok((now, self.leeway))
    }
}

/// Key options shared by every subcommand that verifies.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Key file: PEM (public, private, certificate), DER, JWK or JWKS. Repeatable.
    #[arg(long = "key", value_name = "FILE")]
    pub keys: Vec<PathBuf>,
    /// HMAC secret as text (see --secret-encoding).
    #[arg(long, value_name = "TEXT", conflicts_with = "secret_file")]
    pub secret: Option<String>,
    /// HMAC secret read from a file, byte for byte (see --secret-encoding).
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// How the secret's text is to be read.
    #[arg(long, value_name = "ENCODING", default_value = "utf8")]
    pub secret_encoding: SecretEncoding,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The token, or any text holding one (a header line, a cookie, JSON, a log line);
    /// `-` or nothing reads standard input; `@FILE` reads a file.
    pub token: Option<String>,
    #[command(flatten)]
    pub keys: KeyArgs,
    #[command(flatten)]
    pub time: TimeArgs,
    /// Expected issuer (iss).
    #[arg(long)]
    pub iss: Option<String>,
    /// Expected audience (one of aud).
    #[arg(long)]
    pub aud: Option<String>,
    /// Expected subject (sub).
    #[arg(long)]
    pub sub: Option<String>,
    /// Expected header typ.
    #[arg(long)]
    pub typ: Option<String>,
    /// Allowed algorithm; repeatable. Without it every algorithm is allowed.
    #[arg(long = "alg", value_name = "ALG")]
    pub algorithms: Vec<String>,
    /// Which token to inspect when the text holds several (1 = the first).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub select: usize,
    /// Print one JSON object (the schema is in the README).
    #[arg(long)]
    pub json: bool,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// What the binary should do.
pub enum Outcome {
    /// Start the GUI (on the demo when `Startup` is empty).
    Gui(Startup),
    Exit(ExitCode),
}

/// Parses the arguments and runs the subcommand, if any.
pub fn run() -> Outcome {
    let cli = Cli::parse();
    let result = match cli.command {
        None => return Outcome::Gui(Startup::default()),
        Some(Command::Gui(args)) => match startup(&args) {
            Ok(startup) => return Outcome::Gui(startup),
            Err(message) => Err(message),
        },
        Some(Command::Inspect(args)) => inspect(&args),
        Some(Command::Sign(args)) => sign(&args),
        Some(Command::Keygen(args)) => keygen(&args),
        Some(Command::Crack(args)) => crack(&args),
        Some(Command::Verify(args)) => verify_batch(&args),
    };
    Outcome::Exit(result.unwrap_or_else(|message| fail(&message)))
}

/// The one place an unusable input or argument is reported: message on stderr, exit code 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("jwt-inspector: {message}");
    ExitCode::from(2)
}

/// The keys the arguments name: the usable ones, and the ones that hold no key this tool
/// can use (listed in the report, never a reason to drop it). A file that cannot be read or
/// a secret that is not in its stated encoding is an argument error (exit code 2).
pub struct LoadedKeys {
    pub keys: Vec<Key>,
    pub unusable: Vec<UnusableKey>,
}

/// Reads every key the arguments name. Errors are for people, and mean exit code 2.
pub fn load_keys(args: &KeyArgs) -> Result<LoadedKeys, String> {
    let mut keys = Vec::new();
    let mut unusable = Vec::new();
    for path in &args.keys {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read key file {}: {e}", path.display()))?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        match keys::load(&bytes, &name) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    eprintln!("jwt-inspector: skipped {warning}");
                }
                keys.extend(loaded.keys);
            }
            Err(error) => {
                eprintln!("jwt-inspector: key file {}: {error}", path.display());
                unusable.push(UnusableKey { source: name, error });
            }
        }
    }
    let secret = match (&args.secret, &args.secret_file) {
        (Some(text), _) => Some((text.clone(), "--secret".to_owned())),
        (None, Some(path)) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read secret file {}: {e}", path.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("secret file {} is not UTF-8 text: give it as hex or base64", path.display()))?;
            Some((text, path.display().to_string()))
        }
        (None, None) => None,
    };
    if let Some((text, source)) = secret {
        keys.push(keys::secret_from_text(&text, args.secret_encoding, &source).map_err(|e| format!("{source}: {e}"))?);
    }
    Ok(LoadedKeys { keys, unusable })
}

fn startup(args: &GuiArgs) -> Result<Startup, String> {
    let token = match &args.token {
        Some(token) => Some(read_input(Some(token))?),
        None => None,
    };
    let keys = args
        .keys
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read key file {}: {e}", path.display()))?;
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            Ok((name, bytes))
        })
        .collect::<Result<_, String>>()?;
    Ok(Startup {
        token,
        keys,
        presenter: args.presenter,
        started: None,
        report_startup: args.report_startup,
        exit_after: args.exit_after.and_then(|s| std::time::Duration::try_from_secs_f64(s).ok()),
    })
}

/// The text to inspect: given inline, `-` or nothing for standard input, `@FILE` for a file.
/// Bytes that are not UTF-8 are read lossily, with a note saying so.
fn read_input(token: Option<&str>) -> Result<String, String> {
    let bytes = match token {
        Some("-") | None => {
            if token.is_none() && std::io::stdin().is_terminal() {
                return Err("give a token (or any text holding one), `-` to read standard input, or @FILE".to_owned());
            }
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
            bytes
        }
        Some(text) => match text.strip_prefix('@') {
            Some(path) => std::fs::read(path).map_err(|e| format!("cannot read token file {path}: {e}"))?,
            None => return Ok(text.to_owned()),
        },
    };
    let (text, invalid_at) = batch_stream::lossy_text(bytes);
    if let Some(offset) = invalid_at {
        eprintln!(
            "jwt-inspector: note: the input is not UTF-8 (first invalid byte at offset {offset}); it was read with U+FFFD replacements"
        );
    }
    Ok(text)
}

fn inspect(args: &InspectArgs) -> Result<ExitCode, String> {
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
    let inspection = Inspection::inspect(&Request {
        input: &input,
        selected: args.select.saturating_sub(1),
        keys: &keys,
        unusable_keys: &unusable,
        settings: &settings,
        now,
        known_secrets: true,
    });
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        let report = crate::report::to_json(&inspection, &keys);
        serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::other).and_then(|()| writeln!(out))
    } else {
        let color = match args.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        out.write_all(human(&inspection, &Style { color }).as_bytes())
    };
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(format!("cannot write the report: {error}"));
    }
    Ok(exit_code(&inspection))
}

/// Text given inline or as `@FILE`.
fn text_or_file(text: &str) -> Result<String, String> {
    match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}")),
        None => Ok(text.to_owned()),
    }
}

fn sign(args: &SignArgs) -> Result<ExitCode, String> {
    use crate::jose::alg::Algorithm;
    let Some(alg) = Algorithm::from_name(&args.alg) else {
        return Err(format!(
            "--alg {:?} is not one of HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA",
            args.alg
        ));
    };
    let LoadedKeys { keys, unusable } = load_keys(&args.keys)?;
    if keys.is_empty() {
        return Err(match unusable.first() {
            Some(UnusableKey { source, error }) => format!("no key to sign with: {source}: {error}"),
            None => "give a key: --key FILE (a private key) or --secret / --secret-file".to_owned(),
        });
    }
    let header = match &args.header {
        Some(header) => text_or_file(header)?,
        None => format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
    };
    let payload = text_or_file(&args.payload)?;
    let said = serde_json::from_str::<serde_json::Value>(&header)
        .ok()
        .and_then(|h| h.get("alg").and_then(|a| a.as_str()).map(str::to_owned));
    if said.as_deref() != Some(alg.name()) {
        eprintln!("jwt-inspector: note: the header says alg {said:?} but the token is signed with {alg}");
    }
    // The first key that can sign; otherwise the first key's explanation of why not.
    let key = keys.iter().find(|k| crate::jose::sign::can_sign(k, alg)).or(keys.first());
    let Some(key) = key else { return Err("no key".to_owned()) };
    let token = crate::jose::sign::encode(&header, &payload, alg, key)
        .map_err(|error| format!("cannot sign {alg} with {}: {error}", key.label()))?;
    println!("{token}");
    Ok(ExitCode::SUCCESS)
}

fn keygen(args: &KeygenArgs) -> Result<ExitCode, String> {
    use crate::jose::alg::Curve;
    use crate::jose::keygen::{self, KeyKind};
    let kind = match args.key_type {
        KeyType::Rsa => KeyKind::Rsa(args.bits.unwrap_or(2048)),
        KeyType::Hmac => KeyKind::Hmac(args.bits.unwrap_or(256)),
        KeyType::Ed25519 => KeyKind::Ed25519,
        KeyType::Ec => match Curve::from_name(args.curve.as_deref().unwrap_or("P-256")) {
            Some(curve) if curve != Curve::Ed25519 => KeyKind::Ec(curve),
            _ => return Err("--curve must be P-256, P-384 or P-521".to_owned()),
        },
    };
    let generated = match keygen::generate(kind) {
        Ok(generated) => generated,
        Err(error) => return Err(error.to_string()),
    };
    let stem = match kind {
        KeyKind::Hmac(bits) => format!("hmac{bits}"),
        KeyKind::Rsa(bits) => format!("rsa{bits}"),
        KeyKind::Ec(curve) => format!("ec-{}", curve.name().to_ascii_lowercase().replace('-', "")),
        KeyKind::Ed25519 => "ed25519".to_owned(),
    };
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    // (file, contents, private)
    let mut files: Vec<(String, String, bool)> = Vec::new();
    if let Some(pem) = &generated.private_pem {
        files.push((format!("{stem}.private.pem"), pem.clone(), true));
    }
    if let Some(pem) = &generated.public_pem {
        files.push((format!("{stem}.public.pem"), pem.clone(), false));
    }
    files.push((format!("{stem}.private.jwk.json"), pretty(&generated.private_jwk), true));
    if generated.public_pem.is_some() {
        files.push((format!("{stem}.public.jwk.json"), pretty(&generated.public_jwk), false));
        files.push((format!("{stem}.jwks.json"), pretty(&generated.jwks), false));
    }
    if let Err(error) = std::fs::create_dir_all(&args.out_dir) {
        return Err(format!("cannot create {}: {error}", args.out_dir.display()));
    }
    for (name, contents, private) in &files {
        let path = args.out_dir.join(name);
        if let Err(error) = write_new(&path, contents.as_bytes(), *private) {
            return Err(format!("cannot write {}: {error}", path.display()));
        }
        println!("{}", path.display());
    }
    eprintln!("jwt-inspector: {} (kid {})", generated.key.description(), generated.key.kid.clone().unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

/// Creates a file that must not exist yet; private files are readable by the owner only.
fn write_new(path: &std::path::Path, contents: &[u8], private: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    let _ = private;
    options.open(path)?.write_all(contents)
}

fn crack(args: &CrackArgs) -> Result<ExitCode, String> {
    use crate::jose::secrets::{self, CrackOutcome};
    let input = read_input(Some(&args.token))?;
    let inspection = Inspection::new(&input, &[], &Settings::default(), DateTime::UNIX_EPOCH);
    let (Some(token), Some(alg)) = (&inspection.token, inspection.alg.known()) else {
        return Err(format!(
            "no HS256/384/512 token to crack: {}",
            inspection.errors.first().map_or("unreadable", |e| e.message.as_str())
        ));
    };
    let (Some(signing_input), Some(signature)) = (token.signing_input(), token.signature()) else {
        return Err("the token has no signature to check secrets against".to_owned());
    };
    let extra = match &args.wordlist {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
        },
        None => Vec::new(),
    };
    let candidates = secrets::candidates(&extra);
    let total = candidates.clone().count();
    let start = std::time::Instant::now();
    // Progress on a terminal only: redirected stderr gets the summary line alone.
    let live = std::io::stderr().is_terminal();
    let outcome = secrets::crack(alg, signing_input.as_bytes(), signature, candidates, |tried| {
        if live {
            eprint!("\rjwt-inspector: tried {tried} of {total} secrets");
        }
        true
    });
    let seconds = start.elapsed().as_secs_f64();
    Ok(match outcome {
        CrackOutcome::Found(secret) => {
            eprintln!("{}jwt-inspector: found in {seconds:.2} s", if live { "\n" } else { "" });
            println!("{}", String::from_utf8_lossy(&secret));
            ExitCode::SUCCESS
        }
        CrackOutcome::NotFound { tried } => {
            #[allow(clippy::cast_precision_loss, reason = "a rate for people")]
            let rate = tried as f64 / seconds.max(1e-9);
            eprintln!(
                "{}jwt-inspector: none of {tried} secrets verifies ({seconds:.2} s, {rate:.0} secrets/s)",
                if live { "\n" } else { "" }
            );
            ExitCode::from(1)
        }
        CrackOutcome::Cancelled { .. } => ExitCode::from(1),
        CrackOutcome::NotHmac => {
            return Err(format!("{alg} is not an HMAC algorithm: only HS256/384/512 secrets can be guessed"));
        }
    })
}

fn verify_batch(args: &VerifyArgs) -> Result<ExitCode, String> {
    let keys = load_keys(&args.keys)?.keys;
    let (now, leeway) = args.time.resolve()?;
    let settings = &Settings { leeway, ..Settings::default() };
    let verifier = &BatchVerifier::new(&keys, settings, now);
    let threads =
        args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get)).max(1);
    let start = std::time::Instant::now();
    let verify = |number: usize, line: &str, out: &mut Vec<u8>| verifier.verify_line(number, line, out);
    let totals = match batch_stream::run(&mut std::io::stdin().lock(), &mut std::io::stdout().lock(), threads, &verify)
    {
        Ok(totals) => totals,
        // A closed pipe ends the batch quietly.
        Err(batch_stream::Stop::ReaderGone) => return Ok(ExitCode::from(1)),
        Err(batch_stream::Stop::Failed(message)) => return Err(message),
    };
    let batch_stream::Totals { lines: total, failed, counts } = totals;
    let seconds = start.elapsed().as_secs_f64();
    let summary: Vec<String> = counts.iter().map(|((kind, status), n)| format!("{kind} {status}: {n}")).collect();
    #[allow(clippy::cast_precision_loss, reason = "a rate for people")]
    let rate = total as f64 / seconds.max(1e-9);
    eprintln!(
        "jwt-inspector: {total} tokens, {} passed, {failed} failed ({}) in {seconds:.2} s, {rate:.0} tokens/s on {threads} threads",
        total - failed,
        summary.join(", ")
    );
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// From the verdict: 0 accepted, 1 rejected or undecided.
pub fn exit_code(inspection: &Inspection) -> ExitCode {
    if inspection.verdict.accepted() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

struct Style {
    color: bool,
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
fn human(inspection: &Inspection, style: &Style) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let verdict = &inspection.verdict;
    line(style.bold(&style.tone(present::outcome(verdict.outcome).tone, &present::headline(verdict))));
    for (look, text) in present::checklist(verdict) {
        line(format!("  {}", style.tone(look.tone, &text)));
    }
    line(String::new());
    if let Some(candidate) = inspection.candidate() {
        let mut found = format!("Token {} of {}", inspection.selected.unwrap_or(0) + 1, inspection.candidates.len());
        if let Some(context) = &candidate.context {
            found.push_str(&format!(", found in {context}"));
        }
        line(style.bold(&found));
        for stripped in &candidate.stripped {
            line(style.dim(&format!("  stripped: {stripped}")));
        }
    }
    if let Some(token) = &inspection.token {
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
        line(format!("  {}", painted.join(&style.dim("."))));
        line(String::new());
        line(style.paint(SEGMENT_COLORS[0], &style.bold("Header")));
        line(indent(&content_text(token.header.as_ref())));
        if token.kind == crate::jose::token::TokenKind::Jwe {
            line(style.paint(SEGMENT_COLORS[1], &style.bold("Content")));
            line("  encrypted (JWE): the claims cannot be read without the decryption key".to_owned());
            for segment in token.segments.iter().skip(1) {
                let len = segment.decoded.as_ref().map_or(0, Vec::len);
                line(format!("  {}: {len} bytes", segment.role.label()));
            }
        } else {
            line(style.paint(
                SEGMENT_COLORS[1],
                &style.bold(&format!(
                    "Payload ({})",
                    token.payload.as_ref().map_or_else(|| "unreadable".to_owned(), Content::describe)
                )),
            ));
            line(indent(&content_text(token.payload.as_ref())));
        }
    }
    line(String::new());

    let sig = &inspection.signature;
    let look = present::signature(sig.status);
    let bytes =
        inspection.token.as_ref().and_then(|t| t.signature()).map_or(String::new(), |s| format!(", {} bytes", s.len()));
    line(format!(
        "{} {}",
        style.bold(&format!("Signature ({}{bytes}):", inspection.alg.label())),
        style.tone(look.tone, &format!("{} — {}", look.label(), sig.reason))
    ));
    for hint in &sig.hints {
        line(format!("  hint: {hint}"));
    }
    if sig.attempts.len() > 1 {
        for attempt in &sig.attempts {
            line(style.dim(&format!("  tried {}: {}", attempt.label, attempt.outcome)));
        }
    }

    let time = &inspection.timeline;
    let look = present::time(time.status);
    let leeway = if time.leeway > 0 { format!(", leeway {} s", time.leeway) } else { String::new() };
    line(format!(
        "{} {}",
        style.bold(&format!("Time (at {}{leeway}):", time.now.format("%Y-%m-%d %H:%M:%S UTC"))),
        style.tone(look.tone, &format!("{} — {}", look.label(), time.phrase))
    ));
    for claim in &time.claims {
        let text = match &claim.value {
            Ok(date) => format!("{} ({})", date.format("%Y-%m-%d %H:%M:%S UTC"), relative(*date, time.now)),
            Err(error) => error.to_string(),
        };
        line(format!("  {:<9} {:<14} {text}", claim.name, claim.raw));
        for note in &claim.notes {
            line(style.dim(&format!("  {:<9} {:<14} note: {note}", "", "")));
        }
    }

    if !inspection.checks.is_empty() {
        line(style.bold("Checks:"));
        for check in &inspection.checks {
            let mark = if check.passed { style.paint("32", "✔") } else { style.paint("31", "✖") };
            line(format!("  {mark} {}", check.message));
        }
    }
    if !inspection.findings.is_empty() {
        line(style.bold("Findings:"));
        for finding in &inspection.findings {
            let look = present::severity(finding.severity);
            line(format!(
                "  {} {}: {} {}",
                style.tone(look.tone, &format!("[{}]", look.word)),
                finding.id,
                finding.message,
                style.dim(&format!("({})", finding.reference))
            ));
        }
    }
    if !inspection.unusable_keys.is_empty() {
        line(style.bold("Unusable keys:"));
        for key in &inspection.unusable_keys {
            line(format!("  {} {}: {}", style.tone(Tone::Bad, "✖"), key.source, key.error));
        }
    }
    if !inspection.errors.is_empty() {
        line(style.bold("Errors:"));
        for error in &inspection.errors {
            line(format!("  {}", style.paint("31", &error.message)));
        }
    }
    if let Some(nested) = &inspection.nested {
        line(String::new());
        line(style.bold("Nested token (cty: JWT):"));
        line(indent(&human(nested, style)));
    }
    out
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
