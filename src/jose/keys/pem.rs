//! PEM text: each block read as the key its label names, and where the text goes wrong, by line.

use crate::jose::keys::der::{
    from_certificate, from_pkcs1_private, from_pkcs1_public, from_pkcs8, from_sec1, from_spki,
};
use crate::jose::keys::{Key, KeyError, KeyMaterial, Loaded, contains};

pub(super) fn load_pem(bytes: &[u8], source: &str) -> Result<Loaded, KeyError> {
    let had_crlf = contains(bytes, b"\r\n");
    let blocks = pem::parse_many(bytes).map_err(|e| KeyError::Pem(pem_problem(bytes).unwrap_or(e.to_string())))?;
    if blocks.is_empty() {
        return Err(KeyError::Pem(
            pem_problem(bytes).unwrap_or_else(|| "no complete -----BEGIN …----- / -----END …----- block".to_owned()),
        ));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut loaded = Loaded::default();
    let mut first_error = None;
    for (index, block) in blocks.iter().enumerate() {
        let name = if blocks.len() > 1 { format!("{source} (block {})", index + 1) } else { source.to_owned() };
        match from_pem_block(block, &name) {
            Ok(mut key) => {
                if had_crlf {
                    key.crlf_line_ends = true;
                    key.notes.push("the PEM had CRLF (Windows) line ends; they were accepted".to_owned());
                }
                if blocks.len() == 1 && !matches!(key.material, KeyMaterial::Secret(_)) {
                    key.pem_text = Some(text.clone());
                }
                loaded.keys.push(key);
            }
            Err(error) => {
                loaded.warnings.push(format!("{name}: {error}"));
                first_error.get_or_insert(error);
            }
        }
    }
    match (loaded.keys.is_empty(), first_error) {
        (true, Some(error)) => Err(error),
        _ => Ok(loaded),
    }
}

/// Where PEM text goes wrong, by line (1-based), as people fix it in an editor.
fn pem_problem(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut open: Option<(usize, String)> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if let Some(label) = line.strip_prefix("-----BEGIN ").and_then(|l| l.strip_suffix("-----")) {
            if let Some((start, label)) = &open {
                return Some(format!(
                    "line {number}: a new BEGIN line, but the {label} block from line {start} has no END line"
                ));
            }
            open = Some((number, label.to_owned()));
        } else if let Some(label) = line.strip_prefix("-----END ").and_then(|l| l.strip_suffix("-----")) {
            match open.take() {
                None => return Some(format!("line {number}: an END line with no BEGIN line before it")),
                Some((_, begun)) if begun != label => {
                    return Some(format!("line {number}: END {label} does not close BEGIN {begun}"));
                }
                Some(_) => {}
            }
        } else if line.starts_with("-----") {
            return Some(format!(
                "line {number}: a malformed armour line (expected -----BEGIN …----- or -----END …-----)"
            ));
        } else if open.is_some()
            && !line.contains(':')
            && let Some(bad) = line.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
        {
            return Some(format!("line {number}: {bad:?} is not a base64 character"));
        }
    }
    open.map(|(start, label)| format!("line {start}: the {label} block is never closed by an END line"))
}

fn from_pem_block(block: &pem::Pem, source: &str) -> Result<Key, KeyError> {
    let der = block.contents();
    let (mut key, format) = match block.tag() {
        "PUBLIC KEY" => (from_spki(der, source)?, "PEM SPKI public key"),
        "RSA PUBLIC KEY" => (from_pkcs1_public(der, source)?, "PEM PKCS#1 RSA public key"),
        "RSA PRIVATE KEY" => (from_pkcs1_private(der, source)?, "PEM PKCS#1 RSA private key"),
        "PRIVATE KEY" => (from_pkcs8(der, source)?, "PEM PKCS#8 private key"),
        "EC PRIVATE KEY" => (from_sec1(der, source, None)?, "PEM SEC1 EC private key"),
        "CERTIFICATE" => (from_certificate(der, source)?, "PEM X.509 certificate"),
        "ENCRYPTED PRIVATE KEY" => return Err(KeyError::Encrypted("PKCS#8 EncryptedPrivateKeyInfo".to_owned())),
        other => return Err(KeyError::PemLabel(other.to_owned())),
    };
    if block.headers().get("Proc-Type").is_some_and(|v| v.contains("ENCRYPTED")) {
        return Err(KeyError::Encrypted("legacy OpenSSL Proc-Type: ENCRYPTED".to_owned()));
    }
    key.format = format.to_owned();
    Ok(key)
}
