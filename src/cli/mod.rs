//! The command line: clap → core → stdout. Reads files and the clock, hands bytes and
//! `now` to the core, prints the result. Exit codes come from the core's verdict: 0
//! accepted, 1 rejected or undecided, 2 unusable arguments (a file that cannot be read, a
//! bad option) or an I/O error.

mod args;
mod batch;
mod batch_stream;
mod crack;
mod encrypt;
mod human;
mod input;
mod inspect;
mod keygen;
mod sign;

use std::process::ExitCode;

use clap::Parser as _;

pub use crate::startup::Startup;
use args::GuiArgs;
pub use args::{Cli, Command};

/// What the binary should do.
pub enum Outcome {
    /// Start the GUI (on the demo when `Startup` is empty).
    Gui(Startup),
    /// Exit with this code: a subcommand ran, or the arguments were wrong.
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
        Some(Command::Inspect(args)) => inspect::inspect(&args),
        Some(Command::Sign(args)) => sign::sign(&args),
        Some(Command::Encrypt(args)) => encrypt::encrypt(&args),
        Some(Command::Keygen(args)) => keygen::keygen(&args),
        Some(Command::Crack(args)) => crack::crack(&args),
        Some(Command::Verify(args)) => batch::verify_batch(&args),
    };
    Outcome::Exit(result.unwrap_or_else(|message| fail(&message)))
}

/// The one place an unusable input or argument is reported: message on stderr, exit code 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("jwt-inspector: {message}");
    ExitCode::from(2)
}

fn startup(args: &GuiArgs) -> Result<Startup, String> {
    let token = match &args.token {
        Some(token) => Some(input::read_input(Some(token))?),
        None => None,
    };
    let keys = args.keys.iter().map(|path| input::key_file(path)).collect::<Result<_, String>>()?;
    Ok(Startup {
        token,
        keys,
        presenter: args.presenter,
        started: None,
        report_startup: args.report_startup,
        exit_after: args.exit_after.and_then(|s| std::time::Duration::try_from_secs_f64(s).ok()),
    })
}
