//! Starts the desktop app, or runs a command-line subcommand (glue only).

use std::process::ExitCode;

fn main() -> ExitCode {
    match jwt_inspector::cli::run() {
        jwt_inspector::cli::Outcome::Exit(code) => code,
        jwt_inspector::cli::Outcome::Gui => {
            eprintln!("jwt-inspector: the desktop app is not built yet; use `jwt-inspector inspect --help`");
            ExitCode::from(2)
        }
    }
}
