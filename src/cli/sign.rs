//! `sign`: signs a header and payload exactly as given.

use std::process::ExitCode;

use crate::cli::args::SignArgs;
use crate::cli::input::{LoadedKeys, load_keys, text_or_file};
use crate::jose::keys::UnusableKey;

pub fn sign(args: &SignArgs) -> Result<ExitCode, String> {
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
