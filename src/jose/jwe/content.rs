//! Content encryption and decryption (RFC 7518 §5): AES-GCM, and the AES-CBC + HMAC composite
//! of §5.2, whose framing (key split, MAC input, truncated tag) is ours over aws-lc-rs's AES-CBC
//! and HMAC.

use aws_lc_rs::{aead, cipher, constant_time, hmac};

use crate::jose::jwe::error::JweError;
use crate::jose::jwe::header::{AesSize, ContentEnc};

/// The encrypted parts of a JWE, as received.
pub(super) struct Sealed<'a> {
    /// ASCII of the protected header segment, as received.
    pub aad: &'a [u8],
    pub iv: &'a [u8],
    pub ciphertext: &'a [u8],
    pub tag: &'a [u8],
}

/// Checks the IV and tag lengths, which do not depend on the key.
pub(super) fn check_lengths(enc: ContentEnc, sealed: &Sealed<'_>) -> Result<(), JweError> {
    let (iv, tag) = (sealed.iv.len(), sealed.tag.len());
    if iv != enc.iv_len() {
        return Err(JweError::IvLength { enc, expected: enc.iv_len(), found: iv });
    }
    if tag != enc.tag_len() {
        return Err(JweError::TagLength { enc, expected: enc.tag_len(), found: tag });
    }
    Ok(())
}

/// Decrypts and authenticates the content with the content key `cek`.
pub(super) fn decrypt(enc: ContentEnc, cek: &[u8], sealed: &Sealed<'_>) -> Result<Vec<u8>, JweError> {
    if cek.len() != enc.key_len() {
        return Err(JweError::CekLength { enc, expected: enc.key_len(), found: cek.len() });
    }
    check_lengths(enc, sealed)?;
    match enc {
        ContentEnc::Gcm(size) => gcm(enc, size, cek, sealed),
        ContentEnc::CbcHmac(size) => cbc_hmac(enc, size, cek, sealed),
    }
}

fn gcm_algorithm(size: AesSize) -> &'static aead::Algorithm {
    match size {
        AesSize::A128 => &aead::AES_128_GCM,
        AesSize::A192 => &aead::AES_192_GCM,
        AesSize::A256 => &aead::AES_256_GCM,
    }
}

/// AES-GCM open of `ciphertext ‖ tag`; also used for the GCMKW key management.
pub(super) fn gcm_open(
    size: AesSize,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Option<Vec<u8>> {
    let key = aead::UnboundKey::new(gcm_algorithm(size), key).ok()?;
    let key = aead::LessSafeKey::new(key);
    let nonce = aead::Nonce::try_assume_unique_for_key(iv).ok()?;
    let mut in_out = [ciphertext, tag].concat();
    let plaintext = key.open_in_place(nonce, aead::Aad::from(aad), &mut in_out).ok()?;
    Some(plaintext.to_vec())
}

fn gcm(enc: ContentEnc, size: AesSize, cek: &[u8], sealed: &Sealed<'_>) -> Result<Vec<u8>, JweError> {
    gcm_open(size, cek, sealed.iv, sealed.aad, sealed.ciphertext, sealed.tag).ok_or(JweError::TagMismatch(enc))
}

/// RFC 7518 §5.2.2.2: `MAC_KEY` is the first half of the key, `ENC_KEY` the second; the tag
/// is the first half of `HMAC(MAC_KEY, AAD ‖ IV ‖ ciphertext ‖ AL)`, checked in constant time
/// before anything is decrypted.
fn cbc_hmac(enc: ContentEnc, size: AesSize, cek: &[u8], sealed: &Sealed<'_>) -> Result<Vec<u8>, JweError> {
    let (mac_key, enc_key) = cek.split_at_checked(size.bytes()).ok_or(JweError::CekLength {
        enc,
        expected: enc.key_len(),
        found: cek.len(),
    })?;
    let mac = cbc_mac(size, mac_key, sealed.aad, sealed.iv, sealed.ciphertext);
    let expected = mac.get(..size.bytes()).ok_or(JweError::TagMismatch(enc))?;
    constant_time::verify_slices_are_equal(expected, sealed.tag).map_err(|_| JweError::TagMismatch(enc))?;

    let iv: [u8; 16] =
        sealed.iv.try_into().map_err(|_| JweError::IvLength { enc, expected: enc.iv_len(), found: sealed.iv.len() })?;
    let key = cipher::UnboundCipherKey::new(cbc_aes(size), enc_key)
        .and_then(cipher::PaddedBlockDecryptingKey::cbc_pkcs7)
        .map_err(|_| JweError::CekLength { enc, expected: enc.key_len(), found: cek.len() })?;
    let mut buffer = sealed.ciphertext.to_vec();
    let plaintext =
        key.decrypt(&mut buffer, cipher::DecryptionContext::Iv128(iv.into())).map_err(|_| JweError::Padding)?;
    let len = plaintext.len();
    buffer.truncate(len);
    Ok(buffer)
}

/// `HMAC(MAC_KEY, AAD ‖ IV ‖ ciphertext ‖ AL)` of RFC 7518 §5.2.2.1, untruncated.
fn cbc_mac(size: AesSize, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let hmac_alg = match size {
        AesSize::A128 => hmac::HMAC_SHA256,
        AesSize::A192 => hmac::HMAC_SHA384,
        AesSize::A256 => hmac::HMAC_SHA512,
    };
    // AL: the AAD's length in bits, as a 64-bit big-endian integer.
    let aad_bits = u64::try_from(aad.len()).unwrap_or(u64::MAX).saturating_mul(8);
    let mut context = hmac::Context::with_key(&hmac::Key::new(hmac_alg, mac_key));
    for part in [aad, iv, ciphertext, &aad_bits.to_be_bytes()] {
        context.update(part);
    }
    context.sign().as_ref().to_vec()
}

fn cbc_aes(size: AesSize) -> &'static cipher::Algorithm {
    match size {
        AesSize::A128 => &cipher::AES_128,
        AesSize::A192 => &cipher::AES_192,
        AesSize::A256 => &cipher::AES_256,
    }
}

/// AES-GCM seal of `plaintext`: the ciphertext and the 16-byte tag. Also used for GCMKW.
pub(super) fn gcm_seal(
    size: AesSize,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Option<(Vec<u8>, Vec<u8>)> {
    let key = aead::LessSafeKey::new(aead::UnboundKey::new(gcm_algorithm(size), key).ok()?);
    let nonce = aead::Nonce::try_assume_unique_for_key(iv).ok()?;
    let mut in_out = plaintext.to_vec();
    let tag = key.seal_in_place_separate_tag(nonce, aead::Aad::from(aad), &mut in_out).ok()?;
    Some((in_out, tag.as_ref().to_vec()))
}

/// Encrypts `plaintext` with the content key `cek` and the fresh `iv` (of [`ContentEnc::iv_len`]
/// bytes), authenticating `aad`: the ciphertext and the tag.
pub(super) fn encrypt(
    enc: ContentEnc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), JweError> {
    if cek.len() != enc.key_len() {
        return Err(JweError::CekLength { enc, expected: enc.key_len(), found: cek.len() });
    }
    let refused = JweError::EncryptRefused(enc.name());
    match enc {
        ContentEnc::Gcm(size) => gcm_seal(size, cek, iv, aad, plaintext).ok_or(refused),
        ContentEnc::CbcHmac(size) => {
            let (mac_key, enc_key) = cek.split_at_checked(size.bytes()).ok_or(refused.clone())?;
            let iv128: [u8; 16] = iv.try_into().map_err(|_| refused.clone())?;
            let key = cipher::UnboundCipherKey::new(cbc_aes(size), enc_key)
                .and_then(cipher::PaddedBlockEncryptingKey::cbc_pkcs7)
                .map_err(|_| refused.clone())?;
            let mut ciphertext = plaintext.to_vec();
            key.less_safe_encrypt(&mut ciphertext, cipher::EncryptionContext::Iv128(iv128.into()))
                .map_err(|_| refused.clone())?;
            let mut tag = cbc_mac(size, mac_key, aad, iv, &ciphertext);
            tag.truncate(size.bytes());
            Ok((ciphertext, tag))
        }
    }
}
