//! Key management (RFC 7518 §4): which loaded keys fit the header's `alg`, and how one of them
//! recovers the content encryption key from the encrypted key segment.

use std::num::NonZeroU32;

use aws_lc_rs::{pbkdf2, rsa};

use crate::jose::jwe::content::gcm_open;
use crate::jose::jwe::ecdh::{self, Epk};
use crate::jose::jwe::error::{JweError, MemberProblem};
use crate::jose::jwe::header::{AesSize, Header, KeyAlg};
use crate::jose::jwe::kw;
use crate::jose::keys::{Key, KeyMaterial, PrivateKey};

/// What the header says beyond the algorithm names, read once for every key.
pub(super) struct Recipient<'a> {
    pub header: &'a Header,
    /// The ephemeral public key, for ECDH-ES.
    pub epk: Option<Epk>,
    /// The decoded encrypted key segment.
    pub encrypted_key: &'a [u8],
}

impl<'a> Recipient<'a> {
    pub fn new(header: &'a Header, encrypted_key: &'a [u8]) -> Result<Self, JweError> {
        let epk = match header.alg {
            KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_) => Some(ecdh::epk(header)?),
            _ => None,
        };
        if matches!(header.alg, KeyAlg::Dir | KeyAlg::EcdhEs) && !encrypted_key.is_empty() {
            return Err(JweError::UnexpectedEncryptedKey(header.alg));
        }
        Ok(Self { header, epk, encrypted_key })
    }

    /// Whether key material is of the kind the algorithm needs (its size is checked later,
    /// so that a secret of the wrong length gets its own message).
    pub fn fits(&self, material: &KeyMaterial) -> bool {
        match self.header.alg {
            KeyAlg::Dir | KeyAlg::AesKw(_) | KeyAlg::AesGcmKw(_) | KeyAlg::Pbes2(_) => {
                matches!(material, KeyMaterial::Secret(_))
            }
            KeyAlg::Rsa1_5 | KeyAlg::RsaOaep | KeyAlg::RsaOaep256 => {
                matches!(material, KeyMaterial::Rsa { private: Some(_), .. })
            }
            KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_) => self.epk.as_ref().is_some_and(|epk| ecdh::fits(material, epk)),
        }
    }

    /// The content encryption key, recovered with this key.
    pub fn cek(&self, key: &Key) -> Result<Vec<u8>, JweError> {
        let material = &key.material;
        let alg = self.header.alg;
        let failed = JweError::UnwrapFailed(alg);
        match (alg, material) {
            (KeyAlg::Dir, KeyMaterial::Secret(secret)) => Ok(secret.clone()),
            (KeyAlg::AesKw(size), KeyMaterial::Secret(kek)) => {
                check_len(alg, size, kek)?;
                kw::unwrap(size, kek, self.encrypted_key).ok_or(failed)
            }
            (KeyAlg::AesGcmKw(size), KeyMaterial::Secret(kek)) => {
                check_len(alg, size, kek)?;
                let iv = self.header.required_bytes("iv")?;
                let tag = self.header.required_bytes("tag")?;
                check_member_len("iv", &iv, 12)?;
                check_member_len("tag", &tag, 16)?;
                gcm_open(size, kek, &iv, &[], self.encrypted_key, &tag).ok_or(failed)
            }
            (KeyAlg::Pbes2(size), KeyMaterial::Secret(password)) => self.pbes2(size, password),
            (
                KeyAlg::Rsa1_5 | KeyAlg::RsaOaep | KeyAlg::RsaOaep256,
                KeyMaterial::Rsa { private: Some(private), .. },
            ) => rsa_decrypt(alg, key, private, self.encrypted_key),
            (KeyAlg::EcdhEs, _) => {
                let (epk, enc) = (self.epk.as_ref().ok_or(failed.clone())?, self.header.enc);
                ecdh::derive(material, epk, self.header, enc.name(), enc.key_len())?.ok_or(failed)
            }
            (KeyAlg::EcdhEsKw(size), _) => {
                let epk = self.epk.as_ref().ok_or(failed.clone())?;
                let kek = ecdh::derive(material, epk, self.header, alg.name(), size.bytes())?.ok_or(failed.clone())?;
                kw::unwrap(size, &kek, self.encrypted_key).ok_or(failed)
            }
            _ => Err(JweError::NoFittingKey(alg)),
        }
    }

    /// PBES2 (RFC 7518 §4.8): PBKDF2 over the password with salt `UTF8(alg) ‖ 0x00 ‖ p2s`,
    /// then AES key unwrap. `p2c` was checked against the cap when the header was read.
    fn pbes2(&self, size: AesSize, password: &[u8]) -> Result<Vec<u8>, JweError> {
        let alg = self.header.alg;
        let p2c = NonZeroU32::new(self.header.p2c()?)
            .ok_or(JweError::Member { member: "p2c", problem: MemberProblem::NotAPositiveInteger })?;
        let p2s = self.header.required_bytes("p2s")?;
        let kek = pbes2_kek(alg, size, p2c, &p2s, password);
        kw::unwrap(size, &kek, self.encrypted_key).ok_or(JweError::UnwrapFailed(alg))
    }
}

/// PBKDF2 over the password with salt `UTF8(alg) ‖ 0x00 ‖ p2s` (RFC 7518 §4.8.1.1): the
/// key-encryption key, for the recipient and the sender alike.
pub(super) fn pbes2_kek(alg: KeyAlg, size: AesSize, p2c: NonZeroU32, p2s: &[u8], password: &[u8]) -> Vec<u8> {
    let salt = [alg.name().as_bytes(), &[0], p2s].concat();
    let prf = match size {
        AesSize::A128 => pbkdf2::PBKDF2_HMAC_SHA256,
        AesSize::A192 => pbkdf2::PBKDF2_HMAC_SHA384,
        AesSize::A256 => pbkdf2::PBKDF2_HMAC_SHA512,
    };
    let mut kek = vec![0; size.bytes()];
    pbkdf2::derive(prf, p2c, &salt, password, &mut kek);
    kek
}

pub(super) fn check_len(alg: KeyAlg, size: AesSize, key: &[u8]) -> Result<(), JweError> {
    if key.len() == size.bytes() {
        Ok(())
    } else {
        Err(JweError::KeyLength { alg, expected: size.bytes(), found: key.len() })
    }
}

fn check_member_len(member: &'static str, bytes: &[u8], expected: usize) -> Result<(), JweError> {
    if bytes.len() == expected {
        Ok(())
    } else {
        Err(JweError::Member { member, problem: MemberProblem::WrongLength { expected, found: bytes.len() } })
    }
}

/// RSAES-OAEP or RSAES-PKCS1-v1_5 decryption of the encrypted key with aws-lc-rs.
/// The key is parsed once and kept with the `Key` (parsing an RSA private key costs more
/// than decrypting with it).
fn rsa_decrypt(alg: KeyAlg, owner: &Key, private: &PrivateKey, encrypted_key: &[u8]) -> Result<Vec<u8>, JweError> {
    let unusable = JweError::KeyUnusable(alg);
    let parse = || {
        let pkcs8 = match private {
            PrivateKey::Pkcs8(der) => der.clone(),
            PrivateKey::Pkcs1(der) => pkcs8_from_pkcs1(der)?,
            PrivateKey::Sec1(_) => return None,
        };
        rsa::PrivateDecryptingKey::from_pkcs8(&pkcs8).ok()
    };
    let key = owner.prepared.rsa_decrypting(parse).ok_or(unusable.clone())?;
    let failed = JweError::UnwrapFailed(alg);
    let plaintext = if alg == KeyAlg::Rsa1_5 {
        let key = rsa::Pkcs1PrivateDecryptingKey::new(key).map_err(|_| unusable)?;
        let mut out = vec![0; key.min_output_size()];
        let len = key.decrypt(encrypted_key, &mut out).map_err(|_| failed)?.len();
        out.truncate(len);
        out
    } else {
        let oaep = if alg == KeyAlg::RsaOaep { &rsa::OAEP_SHA1_MGF1SHA1 } else { &rsa::OAEP_SHA256_MGF1SHA256 };
        let key = rsa::OaepPrivateDecryptingKey::new(key).map_err(|_| unusable)?;
        let mut out = vec![0; key.min_output_size()];
        let len = key.decrypt(oaep, encrypted_key, &mut out, None).map_err(|_| failed)?.len();
        out.truncate(len);
        out
    };
    Ok(plaintext)
}

/// `rsaEncryption` (RFC 8017 Appendix C), checked when compiled.
const RSA_ENCRYPTION: pkcs8::ObjectIdentifier = pkcs8::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// Wraps a PKCS#1 `RSAPrivateKey` in a PKCS#8 `PrivateKeyInfo`, the one form aws-lc-rs's
/// decrypting keys read.
fn pkcs8_from_pkcs1(pkcs1: &[u8]) -> Option<Vec<u8>> {
    use pkcs8::der::Encode as _;
    let algorithm =
        pkcs8::AlgorithmIdentifierRef { oid: RSA_ENCRYPTION, parameters: Some(pkcs8::der::asn1::AnyRef::NULL) };
    let private_key = pkcs8::der::asn1::OctetStringRef::new(pkcs1).ok()?;
    pkcs8::PrivateKeyInfoRef::new(algorithm, private_key).to_der().ok()
}
