//! Reading what the arguments name: the token text (inline, standard input or `@FILE`, read
//! lossily when it is not UTF-8), text given inline or as `@FILE`, and key files. The one
//! place the CLI reads files; the desktop app's start-up reads through here too.

use std::io::{IsTerminal as _, Read as _};
use std::path::Path;

use crate::cli::args::KeyArgs;
use crate::cli::batch_stream;
use crate::jose::keys::{self, Key, UnusableKey};

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
        let (name, bytes) = key_file(path)?;
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

/// A key file's name (for people) and bytes.
pub fn key_file(path: &Path) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read key file {}: {e}", path.display()))?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((name, bytes))
}

/// The text to inspect: given inline, `-` or nothing for standard input, `@FILE` for a file.
/// Bytes that are not UTF-8 are read lossily, with a note saying so.
pub fn read_input(token: Option<&str>) -> Result<String, String> {
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

/// Text given inline or as `@FILE`.
pub fn text_or_file(text: &str) -> Result<String, String> {
    match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}")),
        None => Ok(text.to_owned()),
    }
}
