//! `crack`: looks for an HS256/384/512 token's secret among publicly known ones and a wordlist.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use chrono::DateTime;

use crate::cli::args::CrackArgs;
use crate::cli::input::read_input;
use crate::inspection::{Inspection, Settings};

pub fn crack(args: &CrackArgs) -> Result<ExitCode, String> {
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
