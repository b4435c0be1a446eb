//! Key management for the sender (RFC 7518 §4), the inverse of [`cek`](super::cek): a fresh
//! content key, how it reaches the recipient (the encrypted key segment) and the header members
//! the algorithm adds (`epk`, `iv`, `tag`).

use std::num::NonZeroU32;

use aws_lc_rs::rsa;
use serde_json::{Map, Value};

use crate::jose::base64url;
use crate::jose::jwe::cek::{check_len, pbes2_kek};
use crate::jose::jwe::content::gcm_seal;
use crate::jose::jwe::ecdh;
use crate::jose::jwe::error::{JweError, MemberProblem};
use crate::jose::jwe::header::{AesSize, Header, KeyAlg};
use crate::jose::jwe::kw;
use crate::jose::keys::KeyMaterial;

/// What the sender sends about the content key.
pub(super) struct Sent {
    /// The content encryption key.
    pub cek: Vec<u8>,
    /// The encrypted key segment's bytes (empty for `dir` and `ECDH-ES`).
    pub encrypted_key: Vec<u8>,
    /// Header members the algorithm adds, in the order they are written.
    pub members: Map<String, Value>,
}

/// `len` bytes from aws-lc-rs's system random number generator.
pub(super) fn random(len: usize) -> Result<Vec<u8>, JweError> {
    let mut bytes = vec![0; len];
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| JweError::Random)?;
    Ok(bytes)
}

/// Chooses the content key and sends it to the holder of `material` as `header.alg` says.
pub(super) fn send(header: &Header, material: &KeyMaterial) -> Result<Sent, JweError> {
    let alg = header.alg;
    let enc = header.enc;
    let plain = |cek: Vec<u8>, encrypted_key: Vec<u8>| Sent { cek, encrypted_key, members: Map::new() };
    match (alg, material) {
        (KeyAlg::Dir, KeyMaterial::Secret(secret)) => Ok(plain(secret.clone(), Vec::new())),
        (KeyAlg::AesKw(size), KeyMaterial::Secret(kek)) => {
            check_len(alg, size, kek)?;
            let cek = random(enc.key_len())?;
            let wrapped = wrap(alg, size, kek, &cek)?;
            Ok(plain(cek, wrapped))
        }
        (KeyAlg::AesGcmKw(size), KeyMaterial::Secret(kek)) => {
            check_len(alg, size, kek)?;
            let (cek, iv) = (random(enc.key_len())?, random(12)?);
            let (encrypted_key, tag) =
                gcm_seal(size, kek, &iv, &[], &cek).ok_or(JweError::EncryptRefused(alg.name()))?;
            let mut members = Map::new();
            members.insert("iv".to_owned(), Value::String(base64url::encode(iv)));
            members.insert("tag".to_owned(), Value::String(base64url::encode(tag)));
            Ok(Sent { cek, encrypted_key, members })
        }
        (KeyAlg::Pbes2(size), KeyMaterial::Secret(password)) => {
            // The count and salt are in the header already: the caller adds them before the
            // header is read, so that a given `p2c` is checked against the cap.
            let p2c = NonZeroU32::new(header.p2c()?)
                .ok_or(JweError::Member { member: "p2c", problem: MemberProblem::NotAPositiveInteger })?;
            let kek = pbes2_kek(alg, size, p2c, &header.required_bytes("p2s")?, password);
            let cek = random(enc.key_len())?;
            let wrapped = wrap(alg, size, &kek, &cek)?;
            Ok(plain(cek, wrapped))
        }
        (KeyAlg::RsaOaep | KeyAlg::RsaOaep256, KeyMaterial::Rsa { n, e, .. }) => {
            let cek = random(enc.key_len())?;
            let encrypted_key = rsa_oaep(alg, n, e, &cek)?;
            Ok(plain(cek, encrypted_key))
        }
        (KeyAlg::EcdhEs, _) => {
            let (epk, cek) = ecdh::agree_ephemeral(material, header, enc.name(), enc.key_len())?
                .ok_or(JweError::NoFittingKey(alg))?;
            Ok(Sent { cek, encrypted_key: Vec::new(), members: epk_member(epk) })
        }
        (KeyAlg::EcdhEsKw(size), _) => {
            let (epk, kek) = ecdh::agree_ephemeral(material, header, alg.name(), size.bytes())?
                .ok_or(JweError::NoFittingKey(alg))?;
            let cek = random(enc.key_len())?;
            let wrapped = wrap(alg, size, &kek, &cek)?;
            Ok(Sent { cek, encrypted_key: wrapped, members: epk_member(epk) })
        }
        (KeyAlg::Rsa1_5, _) => Err(JweError::Rsa1_5Refused),
        _ => Err(JweError::NoFittingKey(alg)),
    }
}

fn epk_member(epk: Value) -> Map<String, Value> {
    let mut members = Map::new();
    members.insert("epk".to_owned(), epk);
    members
}

fn wrap(alg: KeyAlg, size: AesSize, kek: &[u8], cek: &[u8]) -> Result<Vec<u8>, JweError> {
    kw::wrap(size, kek, cek).ok_or(JweError::EncryptRefused(alg.name()))
}

/// `rsaEncryption` (RFC 8017 Appendix C), checked when compiled.
const RSA_ENCRYPTION: spki::ObjectIdentifier = spki::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// RSAES-OAEP encryption of the content key to the public key `n`, `e` with aws-lc-rs, which
/// reads public keys as `SubjectPublicKeyInfo` DER: built here from the modulus and exponent.
fn rsa_oaep(alg: KeyAlg, n: &[u8], e: &[u8], cek: &[u8]) -> Result<Vec<u8>, JweError> {
    use spki::der::Encode as _;
    let unusable = JweError::KeyUnusable(alg);
    let uint = |bytes| spki::der::asn1::UintRef::new(bytes).map_err(|_| unusable.clone());
    let pkcs1 = pkcs1::RsaPublicKeyRef { modulus: uint(n)?, public_exponent: uint(e)? }
        .to_der()
        .map_err(|_| unusable.clone())?;
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(spki::der::asn1::AnyRef::NULL),
        },
        subject_public_key: spki::der::asn1::BitStringRef::from_bytes(&pkcs1).map_err(|_| unusable.clone())?,
    }
    .to_der()
    .map_err(|_| unusable.clone())?;
    let key = rsa::PublicEncryptingKey::from_der(&spki).map_err(|_| unusable.clone())?;
    let key = rsa::OaepPublicEncryptingKey::new(key).map_err(|_| unusable)?;
    let oaep = if alg == KeyAlg::RsaOaep { &rsa::OAEP_SHA1_MGF1SHA1 } else { &rsa::OAEP_SHA256_MGF1SHA256 };
    let mut out = vec![0; key.ciphertext_size()];
    let len = key.encrypt(oaep, cek, &mut out, None).map_err(|_| JweError::EncryptRefused(alg.name()))?.len();
    out.truncate(len);
    Ok(out)
}
