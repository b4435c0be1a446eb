//! JWE decryption against the published vectors (RFC 7516 Appendix A, RFC 7520 §5), and the
//! failures that must name their step: a tampered tag, a wrong key, a truncated segment, a bad
//! IV, a PBES2 count over the cap, a decompression bomb, `crit`.

use aws_lc_rs::aead;
use jwt_inspector::jose::base64url;
use jwt_inspector::jose::jwe::{self, ContentEnc, Decrypted, JweError, KeyAlg, MAX_P2C};
use jwt_inspector::jose::keys::Key;
use jwt_inspector::jose::token;

use crate::common;

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("vectors/rfc-next/{name}"))
}

fn text(name: &str) -> String {
    String::from_utf8(read(name)).expect("utf8")
}

fn keys(vector: &str) -> Vec<Key> {
    if vector == "rfc7520_5_3" {
        vec![common::secret(&text("rfc7520_5_3.password"))]
    } else {
        common::keys_in(&format!("vectors/rfc-next/{vector}.jwk.json"))
    }
}

fn decrypt(compact: &str, keys: &[Key]) -> Result<Decrypted, JweError> {
    jwe::decrypt(&token::parse(compact).expect("five segments"), keys)
}

fn assert_decrypts(vector: &str, alg: KeyAlg, enc: ContentEnc) {
    let decrypted = decrypt(&text(&format!("{vector}.jwe")), &keys(vector)).unwrap_or_else(|e| panic!("{vector}: {e}"));
    assert_eq!(decrypted.plaintext, read(&format!("{vector}.plaintext.txt")), "{vector}");
    assert_eq!((decrypted.key, decrypted.alg, decrypted.enc), (0, alg, enc), "{vector}");
}

/// `compact` with segment `index` (0-based) replaced by `with`.
fn replace_segment(compact: &str, index: usize, with: &str) -> String {
    let mut segments: Vec<&str> = compact.split('.').collect();
    *segments.get_mut(index).expect("a JWE has five segments") = with;
    segments.join(".")
}

// ---- The published vectors ----

#[test]
fn rfc7516_a1_rsa_oaep_a256gcm_decrypts() {
    assert_decrypts("rfc7516_a1", KeyAlg::RsaOaep, ContentEnc::Gcm(jwe::AesSize::A256));
}

#[test]
fn rfc7516_a2_rsa1_5_a128cbc_hs256_decrypts() {
    assert_decrypts("rfc7516_a2", KeyAlg::Rsa1_5, ContentEnc::CbcHmac(jwe::AesSize::A128));
}

#[test]
fn rfc7516_a3_a128kw_a128cbc_hs256_decrypts() {
    assert_decrypts("rfc7516_a3", KeyAlg::AesKw(jwe::AesSize::A128), ContentEnc::CbcHmac(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_1_rsa1_5_decrypts() {
    assert_decrypts("rfc7520_5_1", KeyAlg::Rsa1_5, ContentEnc::CbcHmac(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_2_rsa_oaep_decrypts() {
    assert_decrypts("rfc7520_5_2", KeyAlg::RsaOaep, ContentEnc::Gcm(jwe::AesSize::A256));
}

#[test]
fn rfc7520_5_3_pbes2_with_the_en_dash_password_decrypts() {
    assert_decrypts("rfc7520_5_3", KeyAlg::Pbes2(jwe::AesSize::A256), ContentEnc::CbcHmac(jwe::AesSize::A128));
    let decrypted = decrypt(&text("rfc7520_5_3.jwe"), &keys("rfc7520_5_3")).expect("decrypts");
    assert_eq!(decrypted.cty.as_deref(), Some("jwk-set+json"));
}

#[test]
fn rfc7520_5_4_ecdh_es_a128kw_on_p384_decrypts() {
    assert_decrypts("rfc7520_5_4", KeyAlg::EcdhEsKw(jwe::AesSize::A128), ContentEnc::Gcm(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_5_ecdh_es_on_p256_decrypts() {
    assert_decrypts("rfc7520_5_5", KeyAlg::EcdhEs, ContentEnc::CbcHmac(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_6_dir_a128gcm_decrypts() {
    assert_decrypts("rfc7520_5_6", KeyAlg::Dir, ContentEnc::Gcm(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_7_a256gcmkw_decrypts() {
    assert_decrypts("rfc7520_5_7", KeyAlg::AesGcmKw(jwe::AesSize::A256), ContentEnc::CbcHmac(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_8_a128kw_a128gcm_decrypts() {
    assert_decrypts("rfc7520_5_8", KeyAlg::AesKw(jwe::AesSize::A128), ContentEnc::Gcm(jwe::AesSize::A128));
}

#[test]
fn rfc7520_5_9_zip_def_is_inflated() {
    assert_decrypts("rfc7520_5_9", KeyAlg::AesKw(jwe::AesSize::A128), ContentEnc::Gcm(jwe::AesSize::A128));
    let decrypted = decrypt(&text("rfc7520_5_9.jwe"), &keys("rfc7520_5_9")).expect("decrypts");
    assert!(decrypted.compressed);
}

// ---- Failures name their step ----

#[test]
fn tampered_tag_is_a_tag_mismatch_for_gcm_and_cbc_hmac() {
    for vector in ["rfc7520_5_6", "rfc7516_a3"] {
        let compact = text(&format!("{vector}.jwe"));
        let tag = compact.rsplit('.').next().expect("tag");
        let flipped = if tag.starts_with('A') { tag.replacen('A', "B", 1) } else { format!("A{}", &tag[1..]) };
        let tampered = replace_segment(&compact, 4, &flipped);
        assert!(matches!(decrypt(&tampered, &keys(vector)), Err(JweError::TagMismatch(_))), "{vector}");
    }
}

#[test]
fn tampered_ciphertext_is_a_tag_mismatch() {
    let compact = text("rfc7520_5_8.jwe");
    let ciphertext = compact.split('.').nth(3).expect("ciphertext");
    let flipped =
        if ciphertext.starts_with('A') { ciphertext.replacen('A', "B", 1) } else { format!("A{}", &ciphertext[1..]) };
    let tampered = replace_segment(&compact, 3, &flipped);
    assert!(matches!(decrypt(&tampered, &keys("rfc7520_5_8")), Err(JweError::TagMismatch(_))));
}

#[test]
fn wrong_key_fails_at_the_unwrap_or_the_tag() {
    let other_secret = common::secret("sixteen byte key");
    let error = decrypt(&text("rfc7520_5_8.jwe"), &[other_secret]).expect_err("wrong kek");
    assert_eq!(error, JweError::UnwrapFailed(KeyAlg::AesKw(jwe::AesSize::A128)));
    assert_eq!(
        error.to_string(),
        "the content key could not be unwrapped with A128KW: wrong key, or the encrypted key was altered"
    );

    let wrong_rsa = keys("rfc7520_5_2");
    let error = decrypt(&text("rfc7516_a1.jwe"), &wrong_rsa).expect_err("wrong RSA key");
    assert_eq!(error, JweError::UnwrapFailed(KeyAlg::RsaOaep));

    // `dir` has nothing to unwrap: a wrong key shows only at the tag.
    let error = decrypt(&text("rfc7520_5_6.jwe"), &[common::secret("sixteen byte key")]).expect_err("wrong dir key");
    assert_eq!(error, JweError::TagMismatch(ContentEnc::Gcm(jwe::AesSize::A128)));

    let error = decrypt(&text("rfc7520_5_3.jwe"), &[common::secret("not the password")]).expect_err("wrong password");
    assert_eq!(error, JweError::UnwrapFailed(KeyAlg::Pbes2(jwe::AesSize::A256)));
}

#[test]
fn truncated_tag_and_bad_iv_length_are_named() {
    let compact = text("rfc7520_5_6.jwe");
    let tag = compact.rsplit('.').next().expect("tag");
    let truncated = replace_segment(&compact, 4, &tag[..tag.len() - 4]);
    let error = decrypt(&truncated, &keys("rfc7520_5_6")).expect_err("short tag");
    assert_eq!(error, JweError::TagLength { enc: ContentEnc::Gcm(jwe::AesSize::A128), expected: 16, found: 13 });

    let short_iv = replace_segment(&compact, 2, &base64url::encode([0u8; 8]));
    let error = decrypt(&short_iv, &keys("rfc7520_5_6")).expect_err("short iv");
    assert_eq!(error, JweError::IvLength { enc: ContentEnc::Gcm(jwe::AesSize::A128), expected: 12, found: 8 });
    assert_eq!(error.to_string(), "the initialization vector is 8 bytes, but A128GCM needs 12");

    // A segment cut mid-character is not base64url at all.
    let ciphertext = compact.split('.').nth(3).expect("ciphertext");
    let cut = &ciphertext[..ciphertext.len() - (ciphertext.len() % 4 + 3) % 4 - 1];
    let error = decrypt(&replace_segment(&compact, 3, cut), &keys("rfc7520_5_6")).expect_err("cut");
    assert!(matches!(error, JweError::Segment { .. } | JweError::TagMismatch(_)), "{error:?}");
}

#[test]
fn keys_that_do_not_fit_and_no_keys_are_told_apart() {
    let compact = text("rfc7516_a1.jwe");
    assert_eq!(decrypt(&compact, &[]), Err(JweError::NoKey(KeyAlg::RsaOaep)));
    let error = decrypt(&compact, &[common::secret("a secret")]).expect_err("an HMAC secret for RSA-OAEP");
    assert_eq!(error, JweError::NoFittingKey(KeyAlg::RsaOaep));
    assert_eq!(error.to_string(), "no loaded key fits RSA-OAEP: it needs the recipient's RSA private key");
}

#[test]
fn the_kid_chooses_among_several_keys() {
    let mut loaded = keys("rfc7520_5_2");
    loaded.extend(keys("rfc7520_5_1"));
    let decrypted = decrypt(&text("rfc7520_5_1.jwe"), &loaded).expect("decrypts");
    assert_eq!(decrypted.key, 1);
}

// ---- Tokens built here with the same primitives ----

/// A `dir` / A128GCM JWE of `plaintext` under `cek`, with `extra` header members.
fn dir_a128gcm(cek: &[u8; 16], plaintext: &[u8], extra: &str) -> String {
    let header = base64url::encode(format!(r#"{{"alg":"dir","enc":"A128GCM"{extra}}}"#));
    let iv = [7u8; 12];
    let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, cek).expect("key"));
    let mut in_out = plaintext.to_vec();
    let nonce = aead::Nonce::assume_unique_for_key(iv);
    let tag = key.seal_in_place_separate_tag(nonce, aead::Aad::from(header.as_bytes()), &mut in_out).expect("seal");
    let b = |bytes: &[u8]| base64url::encode(bytes);
    format!("{header}..{}.{}.{}", b(&iv), b(&in_out), b(tag.as_ref()))
}

#[test]
fn a_p2c_of_2_31_minus_1_is_refused_before_any_iteration() {
    let header = base64url::encode(
        r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"2WCTcJZ1Rvd_CJuJripQ1w","p2c":2147483647}"#,
    );
    let compact = format!(
        "{header}.{}.{}.{}.{}",
        base64url::encode([1u8; 24]),
        base64url::encode([2u8; 12]),
        "AAAA",
        base64url::encode([3u8; 16])
    );
    // The cap is checked while the header is read, before a key is even looked at: the
    // typed error is the proof that no iteration ran (no timing asserted here).
    let error = decrypt(&compact, &[common::secret("password")]).expect_err("over the cap");
    assert_eq!(error, JweError::P2cOverCap { p2c: 2_147_483_647 });
    assert!(error.to_string().contains(&MAX_P2C.to_string()), "{error}");
}

#[test]
fn a_zip_bomb_is_refused_at_the_cap() {
    // 100 MB of zeros, deflated in 1 MiB steps so the test does not hold them either.
    use miniz_oxide::deflate::core::{
        CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
    };
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(6, -15, 0));
    let zeros = vec![0u8; 1 << 20];
    let mut deflated = Vec::new();
    let mut out = vec![0u8; 1 << 16];
    for step in 0..100 {
        let flush = if step == 99 { TDEFLFlush::Finish } else { TDEFLFlush::None };
        let mut input = &zeros[..];
        loop {
            let (status, read, written) = compress(&mut compressor, input, &mut out, flush);
            deflated.extend_from_slice(&out[..written]);
            input = &input[read..];
            assert!(matches!(status, TDEFLStatus::Okay | TDEFLStatus::Done), "{status:?}");
            if input.is_empty() && (flush == TDEFLFlush::None || status == TDEFLStatus::Done) {
                break;
            }
        }
    }
    assert!(deflated.len() < 1 << 20, "{} bytes", deflated.len());
    let cek = [5u8; 16];
    let compact = dir_a128gcm(&cek, &deflated, r#","zip":"DEF""#);
    let key = jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode(cek),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "cek",
    )
    .expect("key");
    assert_eq!(decrypt(&compact, &[key]), Err(JweError::InflateOverCap));
}

#[test]
fn a_crit_member_is_not_understood_and_a_malformed_crit_is_refused() {
    let cek = [5u8; 16];
    let key = jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode(cek),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "cek",
    )
    .expect("key");
    let plain = dir_a128gcm(&cek, b"hello", "");
    assert_eq!(decrypt(&plain, std::slice::from_ref(&key)).expect("decrypts").plaintext, b"hello");

    let crit = dir_a128gcm(&cek, b"hello", r#","crit":["exp"],"exp":1"#);
    assert_eq!(decrypt(&crit, std::slice::from_ref(&key)), Err(JweError::CritNotUnderstood(vec!["exp".to_owned()])));
    for malformed in [r#","crit":"exp","exp":1"#, r#","crit":[]"#, r#","crit":["exp"]"#, r#","crit":["alg"]"#] {
        let token = dir_a128gcm(&cek, b"hello", malformed);
        assert_eq!(decrypt(&token, std::slice::from_ref(&key)), Err(JweError::CritMalformed), "{malformed}");
    }
}

#[test]
fn unsupported_alg_enc_and_zip_are_named() {
    let cek = [5u8; 16];
    let key = jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode(cek),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "cek",
    )
    .expect("key");
    let zip = dir_a128gcm(&cek, b"hello", r#","zip":"GZIP""#);
    assert_eq!(decrypt(&zip, std::slice::from_ref(&key)), Err(JweError::UnsupportedZip("GZIP".to_owned())));
    let header = base64url::encode(r#"{"alg":"ECDH-1PU","enc":"A128GCM"}"#);
    assert_eq!(decrypt(&format!("{header}.a.b.c.d"), &[key]), Err(JweError::UnsupportedAlg("ECDH-1PU".to_owned())));
}

// ---- Round trips for the algorithms no published vector uses ----

/// A compact JWE of `plaintext` under `cek` with `enc`, the header's other members `members`
/// (without braces) and `encrypted_key`: the sender's side, from aws-lc-rs's primitives.
#[allow(clippy::indexing_slicing, reason = "a test helper fails loudly")]
fn seal(enc: ContentEnc, cek: &[u8], members: &str, encrypted_key: &[u8], plaintext: &[u8]) -> String {
    use aws_lc_rs::{cipher, hmac};
    let header = base64url::encode(format!(r#"{{{members},"enc":"{}"}}"#, enc.name()));
    let (iv, ciphertext, tag) = match enc {
        ContentEnc::Gcm(size) => {
            let alg = [&aead::AES_128_GCM, &aead::AES_192_GCM, &aead::AES_256_GCM][size.bytes() / 8 - 2];
            let key = aead::LessSafeKey::new(aead::UnboundKey::new(alg, cek).expect("key"));
            let mut in_out = plaintext.to_vec();
            let nonce = aead::Nonce::assume_unique_for_key([3; 12]);
            let tag =
                key.seal_in_place_separate_tag(nonce, aead::Aad::from(header.as_bytes()), &mut in_out).expect("seal");
            (vec![3; 12], in_out, tag.as_ref().to_vec())
        }
        ContentEnc::CbcHmac(size) => {
            let (mac_key, enc_key) = cek.split_at(size.bytes());
            let aes = [&cipher::AES_128, &cipher::AES_192, &cipher::AES_256][size.bytes() / 8 - 2];
            let key =
                cipher::PaddedBlockEncryptingKey::cbc_pkcs7(cipher::UnboundCipherKey::new(aes, enc_key).expect("key"))
                    .expect("cbc");
            let iv = [4u8; 16];
            let mut in_out = plaintext.to_vec();
            key.less_safe_encrypt(&mut in_out, cipher::EncryptionContext::Iv128(iv.into())).expect("encrypt");
            let hmac_alg = [hmac::HMAC_SHA256, hmac::HMAC_SHA384, hmac::HMAC_SHA512][size.bytes() / 8 - 2];
            let al = (header.len() as u64 * 8).to_be_bytes();
            let input = [header.as_bytes(), &iv, &in_out, &al].concat();
            let mac = hmac::sign(&hmac::Key::new(hmac_alg, mac_key), &input);
            (iv.to_vec(), in_out, mac.as_ref()[..size.bytes()].to_vec())
        }
    };
    let b = |bytes: &[u8]| base64url::encode(bytes);
    format!("{header}.{}.{}.{}.{}", b(encrypted_key), b(&iv), b(&ciphertext), b(&tag))
}

fn oct(bytes: &[u8]) -> Key {
    jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode(bytes),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "oct",
    )
    .expect("key")
}

#[test]
fn dir_decrypts_every_content_encryption() {
    use jwe::AesSize::{A128, A192, A256};
    for enc in [A128, A192, A256].into_iter().flat_map(|s| [ContentEnc::Gcm(s), ContentEnc::CbcHmac(s)]) {
        let cek: Vec<u8> = (0u8..).take(enc.key_len()).collect();
        let compact = seal(enc, &cek, r#""alg":"dir""#, &[], b"every enc");
        let decrypted = decrypt(&compact, &[oct(&cek)]).unwrap_or_else(|e| panic!("{}: {e}", enc.name()));
        assert_eq!(decrypted.plaintext, b"every enc", "{}", enc.name());
        let mut wrong = cek.clone();
        wrong[0] ^= 1;
        assert_eq!(decrypt(&compact, &[oct(&wrong)]), Err(JweError::TagMismatch(enc)), "{}", enc.name());
        let short = &cek[1..];
        let error = decrypt(&compact, &[oct(short)]).expect_err("short cek");
        assert_eq!(error, JweError::CekLength { enc, expected: enc.key_len(), found: enc.key_len() - 1 });
    }
}

#[test]
fn a256kw_and_a128gcmkw_unwrap_their_content_keys() {
    use aws_lc_rs::key_wrap::{AES_256, KeyEncryptionKey, KeyWrap as _};
    let enc = ContentEnc::Gcm(jwe::AesSize::A256);
    let cek = [8u8; 32];
    let kek = [9u8; 32];
    let mut wrapped = [0u8; 40];
    let wrapped = KeyEncryptionKey::new(&AES_256, &kek).unwrap().wrap(&cek, &mut wrapped).unwrap().to_vec();
    let compact = seal(enc, &cek, r#""alg":"A256KW""#, &wrapped, b"wrapped");
    assert_eq!(decrypt(&compact, &[oct(&kek)]).expect("decrypts").plaintext, b"wrapped");
    let error = decrypt(&compact, &[oct(&kek[..16])]).expect_err("a 128-bit kek for A256KW");
    assert_eq!(error, JweError::KeyLength { alg: KeyAlg::AesKw(jwe::AesSize::A256), expected: 32, found: 16 });

    let kek = [10u8; 16];
    let gcm = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &kek).unwrap());
    let mut encrypted_key = cek.to_vec();
    let tag = gcm
        .seal_in_place_separate_tag(aead::Nonce::assume_unique_for_key([1; 12]), aead::Aad::empty(), &mut encrypted_key)
        .unwrap();
    let members = format!(
        r#""alg":"A128GCMKW","iv":"{}","tag":"{}""#,
        base64url::encode([1u8; 12]),
        base64url::encode(tag.as_ref())
    );
    let compact = seal(enc, &cek, &members, &encrypted_key, b"gcm wrapped");
    assert_eq!(decrypt(&compact, &[oct(&kek)]).expect("decrypts").plaintext, b"gcm wrapped");
    assert_eq!(
        decrypt(&compact, &[oct(&[11u8; 16])]),
        Err(JweError::UnwrapFailed(KeyAlg::AesGcmKw(jwe::AesSize::A128)))
    );
}

// ---- A JWE inspected: the plaintext is the payload every step reads ----

fn inspect(input: &str, keys: &[Key]) -> jwt_inspector::Inspection {
    let settings = jwt_inspector::Settings::default();
    jwt_inspector::Inspection::inspect(&jwt_inspector::inspection::Request {
        keys,
        ..jwt_inspector::inspection::Request::new(input, &settings, common::at(1_795_348_800))
    })
}

#[test]
fn a_decrypted_jwe_is_judged_on_its_claims_and_without_a_key_is_undecided() {
    use jwt_inspector::jose::findings::FindingId;
    use jwt_inspector::jose::timeline::TimeStatus;
    use jwt_inspector::jose::verdict::Outcome;
    use jwt_inspector::jose::verify::SignatureCause;
    let cek = [9u8; 16];
    let key = jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode(cek),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "cek",
    )
    .expect("key");
    let compact = dir_a128gcm(&cek, br#"{"sub":"alice","exp":1795345200}"#, "");
    let inspection = inspect(&compact, std::slice::from_ref(&key));
    assert_eq!(inspection.signature.cause, SignatureCause::Decrypted, "{}", inspection.signature.reason);
    assert_eq!(inspection.token.as_ref().and_then(|t| t.claims()).and_then(|c| c.get_str("sub")), Some("alice"));
    assert_eq!(inspection.timeline.status, TimeStatus::Expired, "the claims are read from the plaintext");
    assert_eq!(inspection.verdict.outcome, Outcome::Rejected);
    assert!(!inspection.findings.iter().any(|f| f.id == FindingId::Jwe), "decrypted: no 'only the header' finding");
    // No key: undecided, and said so; the wrong key: rejected at the tag.
    let inspection = inspect(&compact, &[]);
    assert_eq!(inspection.verdict.outcome, Outcome::Undecided);
    assert!(inspection.findings.iter().any(|f| f.id == FindingId::Jwe));
    let wrong = jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode([8u8; 16]),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "wrong",
    )
    .expect("key");
    let inspection = inspect(&compact, &[wrong]);
    assert_eq!(inspection.signature.cause, SignatureCause::DecryptionFailed, "{}", inspection.signature.reason);
    assert_eq!(inspection.verdict.outcome, Outcome::Rejected);
}

#[test]
fn a_nested_jws_in_a_jwe_is_verified_as_its_child() {
    use jwt_inspector::jose::verify::SignatureStatus;
    let secret = common::secret("the inner token's HMAC secret, 32+ bytes");
    let inner = jwt_inspector::jose::sign::encode(
        r#"{"alg":"HS256"}"#,
        r#"{"sub":"bob","exp":1795352400}"#,
        jwt_inspector::jose::alg::Algorithm::HS256,
        &secret,
    )
    .expect("sign");
    let cek = [5u8; 16];
    let cek_key = jwt_inspector::jose::keys::secret_from_text(
        &base64url::encode(cek),
        jwt_inspector::jose::keys::SecretEncoding::Base64Url,
        "cek",
    )
    .expect("key");
    let compact = dir_a128gcm(&cek, inner.as_bytes(), r#","cty":"JWT""#);
    let inspection = inspect(&compact, &[cek_key, secret]);
    let nested = inspection.nested.as_ref().expect("the plaintext is inspected as a token");
    assert_eq!(nested.signature.status, SignatureStatus::Valid, "{}", nested.signature.reason);
    assert_eq!(nested.token.as_ref().and_then(|t| t.claims()).and_then(|c| c.get_str("sub")), Some("bob"));
}

#[test]
fn rsa1_5_is_decrypted_and_flagged() {
    use jwt_inspector::jose::findings::FindingId;
    let inspection = inspect(&text("rfc7520_5_1.jwe"), &keys("rfc7520_5_1"));
    assert_eq!(inspection.signature.status, jwt_inspector::jose::verify::SignatureStatus::Valid);
    assert!(inspection.findings.iter().any(|f| f.id == FindingId::JweRsa15), "{:?}", inspection.findings);
}
