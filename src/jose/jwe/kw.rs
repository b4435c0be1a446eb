//! AES key wrap and unwrap (RFC 3394). aws-lc-rs's `key_wrap` offers AES-128 and AES-256; for
//! A192KW the same algorithm runs here over aws-lc-rs's AES-192 block cipher (ECB, one block
//! at a time), checked against RFC 3394 §4.3 and against aws-lc-rs for the other sizes.

use aws_lc_rs::cipher::{self, DecryptingKey, DecryptionContext, EncryptingKey, UnboundCipherKey};
use aws_lc_rs::constant_time;
use aws_lc_rs::key_wrap::{self, KeyEncryptionKey, KeyWrap as _};

use crate::jose::jwe::header::AesSize;

/// RFC 3394 §2.2.3.1's initial value.
const IV: [u8; 8] = [0xA6; 8];

/// Unwraps `wrapped` with the key-encryption key `kek`; `None` when the integrity check fails
/// (the wrong key, or altered bytes) or the lengths are impossible.
pub(super) fn unwrap(size: AesSize, kek: &[u8], wrapped: &[u8]) -> Option<Vec<u8>> {
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return None;
    }
    let mut out = vec![0; wrapped.len()];
    let len = match size {
        AesSize::A128 => KeyEncryptionKey::new(&key_wrap::AES_128, kek).ok()?.unwrap(wrapped, &mut out).ok()?.len(),
        AesSize::A256 => KeyEncryptionKey::new(&key_wrap::AES_256, kek).ok()?.unwrap(wrapped, &mut out).ok()?.len(),
        AesSize::A192 => return unwrap_with_blocks(&cipher::AES_192, kek, wrapped),
    };
    out.truncate(len);
    Some(out)
}

/// Wraps the content key `cek` (a multiple of 8 bytes, at least 16) with the key-encryption
/// key `kek`; `None` when a length is impossible.
pub(super) fn wrap(size: AesSize, kek: &[u8], cek: &[u8]) -> Option<Vec<u8>> {
    if cek.len() < 16 || !cek.len().is_multiple_of(8) {
        return None;
    }
    let mut out = vec![0; cek.len() + 8];
    let len = match size {
        AesSize::A128 => KeyEncryptionKey::new(&key_wrap::AES_128, kek).ok()?.wrap(cek, &mut out).ok()?.len(),
        AesSize::A256 => KeyEncryptionKey::new(&key_wrap::AES_256, kek).ok()?.wrap(cek, &mut out).ok()?.len(),
        AesSize::A192 => return wrap_with_blocks(&cipher::AES_192, kek, cek),
    };
    out.truncate(len);
    Some(out)
}

/// RFC 3394 §2.2.1, the index-based form, over single-block AES encryptions.
#[allow(clippy::many_single_char_names, reason = "RFC 3394's own names: A, R, n, t, B")]
pub(super) fn wrap_with_blocks(aes: &'static cipher::Algorithm, kek: &[u8], cek: &[u8]) -> Option<Vec<u8>> {
    let key = EncryptingKey::ecb(UnboundCipherKey::new(aes, kek).ok()?).ok()?;
    let mut a = IV;
    let mut r: Vec<[u8; 8]> = cek.chunks_exact(8).filter_map(|c| c.try_into().ok()).collect();
    let n = u64::try_from(r.len()).ok()?;
    for j in 0..6u64 {
        for (i, block) in r.iter_mut().enumerate() {
            let t = n * j + u64::try_from(i).ok()? + 1;
            let mut b = [0u8; 16];
            let (high, low) = b.split_at_mut(8);
            high.copy_from_slice(&a);
            low.copy_from_slice(block);
            key.encrypt(&mut b).ok()?;
            let (high, low) = b.split_at(8);
            for ((out, msb), t) in a.iter_mut().zip(high).zip(t.to_be_bytes()) {
                *out = msb ^ t;
            }
            *block = low.try_into().ok()?;
        }
    }
    Some([vec![a], r].concat().concat())
}

/// RFC 3394 §2.2.2, the index-based form, over single-block AES decryptions.
#[allow(clippy::many_single_char_names, reason = "RFC 3394's own names: A, R, n, t, B")]
pub(super) fn unwrap_with_blocks(aes: &'static cipher::Algorithm, kek: &[u8], wrapped: &[u8]) -> Option<Vec<u8>> {
    let key = DecryptingKey::ecb(UnboundCipherKey::new(aes, kek).ok()?).ok()?;
    let (a, rest) = wrapped.split_first_chunk::<8>()?;
    let mut a = *a;
    let mut r: Vec<[u8; 8]> = rest.chunks_exact(8).filter_map(|c| c.try_into().ok()).collect();
    let n = u64::try_from(r.len()).ok()?;
    for j in (0..6u64).rev() {
        for (i, block) in r.iter_mut().enumerate().rev() {
            let t = n * j + u64::try_from(i).ok()? + 1;
            let mut b = [0u8; 16];
            let (high, low) = b.split_at_mut(8);
            for ((out, a), t) in high.iter_mut().zip(a).zip(t.to_be_bytes()) {
                *out = a ^ t;
            }
            low.copy_from_slice(block);
            key.decrypt(&mut b, DecryptionContext::None).ok()?;
            let (high, low) = b.split_at(8);
            a = high.try_into().ok()?;
            *block = low.try_into().ok()?;
        }
    }
    constant_time::verify_slices_are_equal(&a, &IV).ok()?;
    Some(r.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn rfc3394_4_3_unwraps_128_bits_with_a_192_bit_kek() {
        let kek = hex("000102030405060708090A0B0C0D0E0F1011121314151617");
        let wrapped = hex("96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D");
        assert_eq!(unwrap(AesSize::A192, &kek, &wrapped), Some(hex("00112233445566778899AABBCCDDEEFF")));
        let mut altered = wrapped;
        altered[3] ^= 1;
        assert_eq!(unwrap(AesSize::A192, &kek, &altered), None);
    }

    #[test]
    fn rfc3394_4_3_wraps_128_bits_with_a_192_bit_kek() {
        let kek = hex("000102030405060708090A0B0C0D0E0F1011121314151617");
        let cek = hex("00112233445566778899AABBCCDDEEFF");
        assert_eq!(wrap(AesSize::A192, &kek, &cek), Some(hex("96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D")));
    }

    #[test]
    fn block_wrap_agrees_with_aws_lc_rs_for_128_and_256_bits() {
        for (size, aes, kek) in
            [(AesSize::A128, &cipher::AES_128, [7u8; 16].as_slice()), (AesSize::A256, &cipher::AES_256, &[9u8; 32])]
        {
            let cek: Vec<u8> = (0..32).collect();
            assert_eq!(wrap_with_blocks(aes, kek, &cek), wrap(size, kek, &cek));
        }
    }

    #[test]
    fn block_unwrap_agrees_with_aws_lc_rs_for_128_and_256_bits() {
        for (wrap_alg, aes, kek) in [
            (&key_wrap::AES_128, &cipher::AES_128, vec![7u8; 16]),
            (&key_wrap::AES_256, &cipher::AES_256, vec![9u8; 32]),
        ] {
            let cek: Vec<u8> = (0..32).collect();
            let mut wrapped = vec![0; 40];
            let wrapped = KeyEncryptionKey::new(wrap_alg, &kek).unwrap().wrap(&cek, &mut wrapped).unwrap().to_vec();
            assert_eq!(unwrap_with_blocks(aes, &kek, &wrapped), Some(cek));
        }
    }
}
