//! `keygen`: generates a key and writes its PEM, JWK and JWKS files (never over existing ones).

use std::io::Write as _;
use std::process::ExitCode;

use crate::cli::args::{KeyType, KeygenArgs};

pub fn keygen(args: &KeygenArgs) -> Result<ExitCode, String> {
    use crate::jose::alg::{Algorithm, Curve};
    use crate::jose::keygen::{self, KeyKind};
    let kind = match args.key_type {
        KeyType::Rsa => KeyKind::Rsa(args.bits.unwrap_or(2048)),
        KeyType::Hmac => KeyKind::Hmac(args.bits.unwrap_or(256)),
        KeyType::Ed25519 => KeyKind::Ed25519,
        KeyType::MlDsa44 => KeyKind::MlDsa(Algorithm::MlDsa44),
        KeyType::MlDsa65 => KeyKind::MlDsa(Algorithm::MlDsa65),
        KeyType::MlDsa87 => KeyKind::MlDsa(Algorithm::MlDsa87),
        KeyType::Ec => match Curve::from_name(args.curve.as_deref().unwrap_or("P-256")) {
            Some(curve) if curve != Curve::Ed25519 => KeyKind::Ec(curve),
            _ => return Err("--curve must be P-256, P-384, P-521 or secp256k1".to_owned()),
        },
    };
    let generated = match keygen::generate(kind) {
        Ok(generated) => generated,
        Err(error) => return Err(error.to_string()),
    };
    let stem = match kind {
        KeyKind::Hmac(bits) => format!("hmac{bits}"),
        KeyKind::Rsa(bits) => format!("rsa{bits}"),
        KeyKind::Ec(curve) => format!("ec-{}", curve.name().to_ascii_lowercase().replace('-', "")),
        KeyKind::Ed25519 => "ed25519".to_owned(),
        KeyKind::MlDsa(alg) => alg.name().to_ascii_lowercase(),
    };
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    // (file, contents, private)
    let mut files: Vec<(String, String, bool)> = Vec::new();
    if let Some(pem) = &generated.private_pem {
        files.push((format!("{stem}.private.pem"), pem.clone(), true));
    }
    if let Some(pem) = &generated.public_pem {
        files.push((format!("{stem}.public.pem"), pem.clone(), false));
    }
    files.push((format!("{stem}.private.jwk.json"), pretty(&generated.private_jwk), true));
    if generated.public_pem.is_some() {
        files.push((format!("{stem}.public.jwk.json"), pretty(&generated.public_jwk), false));
        files.push((format!("{stem}.jwks.json"), pretty(&generated.jwks), false));
    }
    if let Err(error) = std::fs::create_dir_all(&args.out_dir) {
        return Err(format!("cannot create {}: {error}", args.out_dir.display()));
    }
    for (name, contents, private) in &files {
        let path = args.out_dir.join(name);
        if let Err(error) = write_new(&path, contents.as_bytes(), *private) {
            return Err(format!("cannot write {}: {error}", path.display()));
        }
        println!("{}", path.display());
    }
    eprintln!("jwt-inspector: {} (kid {})", generated.key.description(), generated.key.kid.clone().unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

/// Creates a file that must not exist yet; private files are readable by the owner only.
fn write_new(path: &std::path::Path, contents: &[u8], private: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    let _ = private;
    options.open(path)?.write_all(contents)
}
