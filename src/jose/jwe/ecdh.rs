//! ECDH-ES key agreement (RFC 7518 §4.6): aws-lc-rs agrees the shared secret `Z` with the
//! header's ephemeral public key `epk`; the Concat KDF of NIST SP 800-56A §5.8.1 that turns
//! `Z`, the algorithm id, `apu` and `apv` into a key is ours, on SHA-256.

use aws_lc_rs::{agreement, digest};
use serde_json::Value;

use crate::jose::alg::Curve;
use crate::jose::base64url;
use crate::jose::jwe::error::{JweError, MemberProblem};
use crate::jose::jwe::header::Header;
use crate::jose::keys::{KeyMaterial, PrivateKey};

/// The header's ephemeral public key: its curve and uncompressed point.
pub(super) struct Epk {
    pub curve: Curve,
    point: Vec<u8>,
}

/// Reads `epk` (an EC JWK with `crv`, `x`, `y`).
pub(super) fn epk(header: &Header) -> Result<Epk, JweError> {
    let bad = |problem| JweError::Member { member: "epk", problem };
    let Some(Value::Object(jwk)) = header.member("epk") else {
        return Err(bad(if header.member("epk").is_none() { MemberProblem::Missing } else { MemberProblem::NotAKey }));
    };
    let text = |name: &str| jwk.get(name).and_then(Value::as_str);
    let curve = match (text("kty"), text("crv").and_then(Curve::from_name)) {
        (Some("EC"), Some(curve)) if curve != Curve::Ed25519 => curve,
        _ => return Err(bad(MemberProblem::NotAKey)),
    };
    let coordinate = |name: &str| {
        text(name)
            .and_then(|t| base64url::decode(t).ok())
            .map(|d| d.bytes)
            .filter(|bytes| bytes.len() == curve.coordinate_len())
            .ok_or(bad(MemberProblem::NotAKey))
    };
    let point = [vec![0x04], coordinate("x")?, coordinate("y")?].concat();
    Ok(Epk { curve, point })
}

fn agreement_alg(curve: Curve) -> Option<&'static agreement::Algorithm> {
    match curve {
        Curve::P256 => Some(&agreement::ECDH_P256),
        Curve::P384 => Some(&agreement::ECDH_P384),
        Curve::P521 => Some(&agreement::ECDH_P521),
        // secp256k1 is registered for ES256K signatures only (RFC 8812), not for ECDH-ES.
        Curve::Ed25519 | Curve::Secp256k1 => None,
    }
}

/// Whether this key material can agree a key with `epk`: an EC private key on its curve.
pub(super) fn fits(material: &KeyMaterial, epk: &Epk) -> bool {
    matches!(material, KeyMaterial::Ec { curve, private: Some(_), .. } if *curve == epk.curve)
}

/// The agreed and derived key of `key_len` bytes. `alg_id` is `enc` for direct agreement and
/// `alg` for key wrapping (RFC 7518 §4.6.2).
pub(super) fn derive(
    material: &KeyMaterial,
    epk: &Epk,
    header: &Header,
    alg_id: &str,
    key_len: usize,
) -> Result<Option<Vec<u8>>, JweError> {
    let apu = header.bytes("apu")?.unwrap_or_default();
    let apv = header.bytes("apv")?.unwrap_or_default();
    let Some(alg) = agreement_alg(epk.curve) else { return Ok(None) };
    let KeyMaterial::Ec { private: Some(PrivateKey::Pkcs8(der) | PrivateKey::Sec1(der)), .. } = material else {
        return Ok(None);
    };
    let Ok(private) = agreement::PrivateKey::from_private_key_der(alg, der) else { return Ok(None) };
    let peer = agreement::UnparsedPublicKey::new(alg, &epk.point);
    let derived = agreement::agree(&private, peer, (), |z| Ok(concat_kdf(z, alg_id, &apu, &apv, key_len)));
    Ok(derived.ok())
}

/// The sender's side: a fresh ephemeral key on the recipient's curve agrees a key of `key_len`
/// bytes with the recipient's public key. Returns the header's `epk` (a public EC JWK) and
/// the derived key; `None` when the material is not an EC key on P-256, P-384 or P-521.
pub(super) fn agree_ephemeral(
    material: &KeyMaterial,
    header: &Header,
    alg_id: &str,
    key_len: usize,
) -> Result<Option<(Value, Vec<u8>)>, JweError> {
    let apu = header.bytes("apu")?.unwrap_or_default();
    let apv = header.bytes("apv")?.unwrap_or_default();
    let KeyMaterial::Ec { curve, point, .. } = material else { return Ok(None) };
    let Some(alg) = agreement_alg(*curve) else { return Ok(None) };
    let ephemeral = agreement::PrivateKey::generate(alg).map_err(|_| JweError::Random)?;
    let public = ephemeral.compute_public_key().map_err(|_| JweError::Random)?;
    let coordinates = public.as_ref().get(1..).unwrap_or_default();
    let (x, y) = coordinates.split_at_checked(curve.coordinate_len()).ok_or(JweError::Random)?;
    let epk = serde_json::json!({
        "kty": "EC",
        "crv": curve.name(),
        "x": base64url::encode(x),
        "y": base64url::encode(y),
    });
    let peer = agreement::UnparsedPublicKey::new(alg, point);
    let derived = agreement::agree(&ephemeral, peer, (), |z| Ok(concat_kdf(z, alg_id, &apu, &apv, key_len)));
    Ok(derived.ok().map(|key| (epk, key)))
}

/// NIST SP 800-56A Concat KDF with SHA-256, as RFC 7518 §4.6.2 fills its `OtherInfo`:
/// `AlgorithmID ‖ PartyUInfo ‖ PartyVInfo` (each length-prefixed) `‖ SuppPubInfo` (the key
/// length in bits).
pub(super) fn concat_kdf(z: &[u8], alg_id: &str, apu: &[u8], apv: &[u8], key_len: usize) -> Vec<u8> {
    let prefixed = |bytes: &[u8]| u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes();
    let key_bits = u32::try_from(key_len.saturating_mul(8)).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(key_len + digest::SHA256_OUTPUT_LEN);
    let mut counter: u32 = 1;
    while out.len() < key_len {
        let mut context = digest::Context::new(&digest::SHA256);
        context.update(&counter.to_be_bytes());
        context.update(z);
        for part in [alg_id.as_bytes(), apu, apv] {
            context.update(&prefixed(part));
            context.update(part);
        }
        context.update(&key_bits.to_be_bytes());
        out.extend_from_slice(context.finish().as_ref());
        counter = counter.saturating_add(1);
    }
    out.truncate(key_len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concat_kdf_matches_rfc7518_appendix_c() {
        // RFC 7518 Appendix C: Z, "A128GCM", apu "Alice", apv "Bob" → VqqN6vgjbSBcIijNcacQGg.
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128,
            106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let key = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 16);
        assert_eq!(base64url::encode(key), "VqqN6vgjbSBcIijNcacQGg");
    }
}
