//! The command line's arguments (clap): every subcommand and the options they share.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::jose::keys::SecretEncoding;

#[allow(missing_docs, reason = "clap would print a doc comment here as the --help text; `about` says it")]
#[derive(Debug, Parser)]
#[command(
    name = "jwt-inspector",
    version,
    about = "Look inside JSON Web Tokens, prove them, and make new ones: offline."
)]
#[command(after_help = "Without a subcommand, the desktop app starts.")]
pub struct Cli {
    /// The subcommand; none starts the desktop app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decode a token, verify it with the given keys, and report everything found.
    Inspect(Box<InspectArgs>),
    /// Sign a header and payload, byte for byte as given, and print the token.
    Sign(SignArgs),
    /// Encrypt a payload to a key and print the compact JWE.
    Encrypt(EncryptArgs),
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
    /// The algorithm: HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, ES256K, EdDSA,
    /// Ed25519, ML-DSA-44/65/87.
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

#[allow(clippy::doc_markdown, reason = "clap prints these doc comments as --help, where backticks would show")]
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// The key management algorithm: dir, A128KW/A192KW/A256KW, A128GCMKW/A192GCMKW/A256GCMKW,
    /// RSA-OAEP, RSA-OAEP-256, ECDH-ES, ECDH-ES+A128KW/A192KW/A256KW,
    /// PBES2-HS256+A128KW/HS384+A192KW/HS512+A256KW (RSA1_5 is refused).
    #[arg(long)]
    pub alg: String,
    /// The content encryption: A128GCM/A192GCM/A256GCM, A128CBC-HS256/A192CBC-HS384/A256CBC-HS512.
    #[arg(long)]
    pub enc: String,
    /// The recipient's key (an RSA or EC public key, or an oct JWK for dir and key wrap), or
    /// --secret / --secret-file (the PBES2 password, or the shared key).
    #[command(flatten)]
    pub keys: KeyArgs,
    /// The protected header's JSON text, or @FILE; default {"alg":ALG,"enc":ENC}. Kept as
    /// given; epk, iv/tag, p2s/p2c are added as the algorithm needs.
    #[arg(long, value_name = "JSON")]
    pub header: Option<String>,
    /// The payload's text (usually JSON), or @FILE. It is encrypted exactly as given.
    #[arg(long, value_name = "JSON")]
    pub payload: String,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeyType {
    Rsa,
    Ec,
    Ed25519,
    Hmac,
    #[value(name = "ml-dsa-44")]
    MlDsa44,
    #[value(name = "ml-dsa-65")]
    MlDsa65,
    #[value(name = "ml-dsa-87")]
    MlDsa87,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    #[arg(long = "type", value_enum)]
    pub key_type: KeyType,
    /// RSA: 2048, 3072 or 4096 (default 2048); HMAC: 256, 384 or 512 (default 256).
    #[arg(long)]
    pub bits: Option<usize>,
    /// EC: P-256, P-384, P-521 or secp256k1 (default P-256).
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
    pub fn resolve(&self) -> Result<(DateTime<Utc>, i64), String> {
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
    /// The payload of a JWS JSON document that does not carry it (RFC 7515 Appendix F), as
    /// its bytes.
    #[arg(long, value_name = "FILE")]
    pub payload_file: Option<std::path::PathBuf>,
    /// Print one JSON object (the schema is in the README).
    #[arg(long)]
    pub json: bool,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}
