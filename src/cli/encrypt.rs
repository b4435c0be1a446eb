//! `encrypt`: encrypts a payload to a key as a compact JWE, the header kept as given.

use std::process::ExitCode;

use crate::cli::args::EncryptArgs;
use crate::cli::input::{LoadedKeys, load_keys, text_or_file};
use crate::jose::jwe::{self, ContentEnc, KeyAlg};
use crate::jose::keys::UnusableKey;

pub fn encrypt(args: &EncryptArgs) -> Result<ExitCode, String> {
    let Some(alg) = KeyAlg::from_name(&args.alg) else {
        return Err(format!(
            "--alg {:?} is not one of dir, A128KW/A192KW/A256KW, A128GCMKW/A192GCMKW/A256GCMKW, RSA-OAEP, RSA-OAEP-256, ECDH-ES, ECDH-ES+A128KW/A192KW/A256KW, PBES2-HS256+A128KW/HS384+A192KW/HS512+A256KW",
            args.alg
        ));
    };
    let Some(enc) = ContentEnc::from_name(&args.enc) else {
        return Err(format!(
            "--enc {:?} is not one of A128GCM/A192GCM/A256GCM, A128CBC-HS256/A192CBC-HS384/A256CBC-HS512",
            args.enc
        ));
    };
    let LoadedKeys { keys, unusable } = load_keys(&args.keys)?;
    let Some(key) = keys.first() else {
        return Err(match unusable.first() {
            Some(UnusableKey { source, error }) => format!("no key to encrypt to: {source}: {error}"),
            None => "give the recipient's key: --key FILE, or --secret / --secret-file".to_owned(),
        });
    };
    if keys.len() > 1 {
        return Err("give one key to encrypt to (a JWE made here has one recipient)".to_owned());
    }
    let header = match &args.header {
        Some(header) => text_or_file(header)?,
        None => format!(r#"{{"alg":"{}","enc":"{}"}}"#, alg.name(), enc.name()),
    };
    // The header travels with the token and tells the recipient how to decrypt it, so it must
    // name what is used (unlike `sign`, where a mismatch is a useful test case).
    let said = serde_json::from_str::<serde_json::Value>(&header).ok();
    let member = |name: &str| said.as_ref().and_then(|h| h.get(name)).and_then(|v| v.as_str()).map(str::to_owned);
    if member("alg").as_deref() != Some(alg.name()) || member("enc").as_deref() != Some(enc.name()) {
        return Err(format!(
            "the header must say \"alg\":\"{}\" and \"enc\":\"{}\" as --alg and --enc do (it says alg {:?}, enc {:?})",
            alg.name(),
            enc.name(),
            member("alg"),
            member("enc")
        ));
    }
    let payload = text_or_file(&args.payload)?;
    let token = jwe::encrypt(&header, payload.as_bytes(), key)
        .map_err(|error| format!("cannot encrypt {} {} to {}: {error}", alg.name(), enc.name(), key.label()))?;
    println!("{token}");
    Ok(ExitCode::SUCCESS)
}
