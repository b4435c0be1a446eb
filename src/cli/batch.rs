//! `verify --batch`: a token per line of standard input, a JSON line out per line, totals on
//! stderr (the streaming and threading are in `batch_stream`).

use std::process::ExitCode;

use crate::batch::{BatchVerifier, InputLine};
use crate::cli::args::VerifyArgs;
use crate::cli::batch_stream;
use crate::cli::input::load_keys;
use crate::inspection::Settings;

/// Runs `verify --batch`: a JSON line per line of standard input, totals on stderr. Exit 0
/// when every line is accepted, 1 when one is not (or the reader closed the pipe), and an
/// error (exit 2) when reading or writing fails or a worker panics.
pub fn verify_batch(args: &VerifyArgs) -> Result<ExitCode, String> {
    let keys = load_keys(&args.keys)?.keys;
    let (now, leeway) = args.time.resolve()?;
    let settings = &Settings { leeway, ..Settings::default() };
    let verifier = &BatchVerifier::new(&keys, settings, now);
    let threads =
        args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get)).max(1);
    let start = std::time::Instant::now();
    let verify = |line: InputLine<'_>, out: &mut Vec<u8>| verifier.verify(line, out);
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
