//! Starts the desktop app, or runs a command-line subcommand (glue only).

use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    match jwt_inspector::cli::run() {
        jwt_inspector::cli::Outcome::Exit(code) => code,
        #[cfg(feature = "gui")]
        jwt_inspector::cli::Outcome::Gui(mut startup) => match jwt_inspector::app::run({
            startup.started = Some(started);
            startup
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("jwt-inspector: the window could not be opened: {error}");
                eprintln!("jwt-inspector: the command line works without a display: jwt-inspector inspect --help");
                ExitCode::from(2)
            }
        },
        #[cfg(not(feature = "gui"))]
        jwt_inspector::cli::Outcome::Gui(_) => {
            eprintln!("jwt-inspector: built without the desktop app (feature `gui`); see jwt-inspector --help");
            ExitCode::from(2)
        }
    }
}
