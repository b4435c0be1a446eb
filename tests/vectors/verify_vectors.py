#!/usr/bin/env python3
"""Independently verify the published JOSE test vectors in tests/vectors/rfc/.

Needs: pip install cryptography PyJWT

Every signed token is checked twice: with PyJWT (key taken from the JWK) and
directly with `cryptography` (key taken from the PEM / DER / base64 secret
files). Key files that describe the same key are checked to decode to the
same key. Prints one line per vector and `N passed, M failed`; exits 1 on
any failure (including a file in rfc/ that no check covers).
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import warnings

import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

warnings.simplefilter("ignore")  # PyJWT key-length advisories are irrelevant here

HERE = os.path.dirname(os.path.abspath(__file__))
RFC = os.path.join(HERE, "rfc")
USED = set()


def path(name):
    USED.add(name)
    return os.path.join(RFC, name)


def read_bytes(name):
    with open(path(name), "rb") as f:
        return f.read()


def read_text(name, no_trailing_newline=False):
    data = read_bytes(name)
    if no_trailing_newline and (data.endswith(b"\n") or data.endswith(b"\r")):
        raise AssertionError(f"{name} ends with a newline")
    return data.decode("ascii")


def read_json(name):
    return json.loads(read_bytes(name))


def b64u_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64u_enc(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


def split_jws(token):
    parts = token.split(".")
    if len(parts) != 3:
        raise AssertionError(f"expected 3 segments, got {len(parts)}")
    header = json.loads(b64u_dec(parts[0]))
    return parts, header


def spki(key):
    return key.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)


# ---------------------------------------------------------------- key loading
def jwk_to_public(jwk):
    """Our own JWK -> cryptography conversion (independent of PyJWT)."""
    kty = jwk["kty"]
    if kty == "RSA":
        n = int.from_bytes(b64u_dec(jwk["n"]), "big")
        e = int.from_bytes(b64u_dec(jwk["e"]), "big")
        return rsa.RSAPublicNumbers(e, n).public_key()
    if kty == "EC":
        curve = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1(), "P-521": ec.SECP521R1()}[jwk["crv"]]
        x = int.from_bytes(b64u_dec(jwk["x"]), "big")
        y = int.from_bytes(b64u_dec(jwk["y"]), "big")
        return ec.EllipticCurvePublicNumbers(x, y, curve).public_key()
    if kty == "OKP" and jwk["crv"] == "Ed25519":
        return Ed25519PublicKey.from_public_bytes(b64u_dec(jwk["x"]))
    raise AssertionError(f"unsupported JWK {kty}")


def load_pub_file(name):
    data = read_bytes(name)
    if name.endswith(".der"):
        return ser.load_der_public_key(data)
    return ser.load_pem_public_key(data)  # handles both SPKI and PKCS#1 "RSA PUBLIC KEY"


# ------------------------------------------------------------ raw verification
HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


def raw_verify(alg, key, signing_input, sig):
    """Verify with `cryptography` directly; raises on failure."""
    fam, bits = alg[:2], alg[2:]
    if alg == "EdDSA":
        key.verify(sig, signing_input)
    elif fam == "RS":
        key.verify(sig, signing_input, padding.PKCS1v15(), HASHES[bits]())
    elif fam == "PS":
        h = HASHES[bits]()
        key.verify(sig, signing_input, padding.PSS(padding.MGF1(h), h.digest_size), h)
    elif fam == "ES":
        n = len(sig) // 2
        der = encode_dss_signature(int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big"))
        key.verify(der, signing_input, ec.ECDSA(HASHES[bits]()))
    elif fam == "HS":
        mac = hmac.new(key, signing_input, getattr(hashlib, "sha" + bits)).digest()
        if not hmac.compare_digest(mac, sig):
            raise InvalidSignature("HMAC mismatch")
    else:
        raise AssertionError(f"unknown alg {alg}")


def check_rejects_tampered(alg, key, signing_input, sig):
    try:
        raw_verify(alg, key, signing_input + b"x", sig)
    except InvalidSignature:
        return
    raise AssertionError("a tampered signing input still verifies")


# --------------------------------------------------------------------- checks
def check_signed(token_file, alg, jwk_file, key_files=(), secret_file=None, expect=None):
    token = read_text(token_file, no_trailing_newline=True)
    parts, header = split_jws(token)
    assert header.get("alg") == alg, f"header alg {header.get('alg')} != {alg}"
    signing_input = (parts[0] + "." + parts[1]).encode("ascii")
    sig = b64u_dec(parts[2])
    jwk = read_json(jwk_file)
    done = []

    # 1. PyJWT, key from the JWK
    pyjwk = jwt.PyJWK(jwk, algorithm=alg)
    payload = jwt.api_jws.PyJWS().decode(token, pyjwk.key, algorithms=[alg])
    done.append("pyjwt+jwk")
    if expect is not None:
        expect(header, payload)

    # 2. cryptography, key from our own JWK conversion
    if jwk["kty"] == "oct":
        ref_key = b64u_dec(jwk["k"])
    else:
        ref_key = jwk_to_public(jwk)
    raw_verify(alg, ref_key, signing_input, sig)
    check_rejects_tampered(alg, ref_key, signing_input, sig)
    done.append("raw+jwk")

    # 3. every other encoding of the key
    for kf in key_files:
        k = load_pub_file(kf)
        assert spki(k) == spki(ref_key), f"{kf} is not the same key as {jwk_file}"
        raw_verify(alg, k, signing_input, sig)
        done.append(kf)
    if secret_file:
        secret = base64.b64decode(read_text(secret_file, no_trailing_newline=True), validate=True)
        assert secret == ref_key, f"{secret_file} differs from {jwk_file}"
        raw_verify(alg, secret, signing_input, sig)
        done.append("secret.b64")
    return ", ".join(done)


def expect_claims(header, payload):
    claims = json.loads(payload)
    assert claims == {"iss": "joe", "exp": 1300819380, "http://example.com/is_root": True}, claims


def expect_text(text, kid=None):
    def f(header, payload):
        assert payload == text.encode("utf-8"), payload
        if kid is not None:
            assert header.get("kid") == kid, header.get("kid")
    return f


BILBO_TEXT = (
    "It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, "
    "and if you don't keep your feet, there\u2019s no knowing where you might be swept off to."
)
BILBO_KID = "bilbo.baggins@hobbiton.example"


def check_none():
    token = read_text("rfc7515_a5_none.jwt", no_trailing_newline=True)
    parts, header = split_jws(token)
    assert header == {"alg": "none"}, header
    assert parts[2] == "", "unsecured JWS must have an empty signature"
    expect_claims(header, b64u_dec(parts[1]))
    # and PyJWT refuses it when a real algorithm is required
    try:
        jwt.api_jws.PyJWS().decode(token, "k", algorithms=["HS256"])
    except jwt.exceptions.InvalidTokenError:
        return "decodes, alg none, empty signature, refused by pyjwt"
    raise AssertionError("alg none accepted")


def check_ed25519_private():
    priv_jwk = read_json("rfc8037_a1_ed25519.priv.jwk.json")
    pub_jwk = read_json("rfc8037_a1_ed25519.pub.jwk.json")
    a4_jwk = read_json("rfc8037_a4_eddsa.pub.jwk.json")
    assert set(pub_jwk) == {"kty", "crv", "x"} and pub_jwk == a4_jwk
    assert {k: v for k, v in priv_jwk.items() if k != "d"} == pub_jwk
    sk_jwk = Ed25519PrivateKey.from_private_bytes(b64u_dec(priv_jwk["d"]))
    sk_pem = ser.load_pem_private_key(read_bytes("rfc8037_a1_ed25519.priv.pem"), password=None)
    assert read_bytes("rfc8037_a1_ed25519.priv.pem").startswith(b"-----BEGIN PRIVATE KEY-----")
    raw = lambda k: k.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())
    assert raw(sk_jwk) == raw(sk_pem), "priv.pem and priv.jwk.json differ"
    assert b64u_enc(sk_jwk.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)) == pub_jwk["x"], \
        "d does not derive x"
    # Ed25519 is deterministic: re-signing A.4's input must give A.4's signature exactly
    token = read_text("rfc8037_a4_eddsa.jwt", no_trailing_newline=True)
    h, p, s = token.split(".")
    for sk in (sk_jwk, sk_pem):
        assert b64u_enc(sk.sign((h + "." + p).encode())) == s, "re-signing does not reproduce A.4"
    # and PyJWT with the private JWK produces the same token
    produced = jwt.api_jws.PyJWS().encode(b"Example of Ed25519 signing", jwt.PyJWK(priv_jwk).key,
                                          algorithm="EdDSA", headers={"typ": None})
    assert produced == token, f"PyJWT signing with priv.jwk gives {produced}"
    return "d derives x, priv.pem == priv.jwk, re-signing (raw and PyJWT) reproduces the A.4 token"


def check_7797_detached():
    token = read_text("rfc7797_4_2_detached.jwt", no_trailing_newline=True)
    parts, header = split_jws(token)
    assert header == {"alg": "HS256", "b64": False, "crit": ["b64"]}, header
    assert parts[1] == "", "payload segment must be empty (detached)"
    payload = read_bytes("rfc7797_4_2.detached_payload.txt")
    assert payload == b"$.02", payload
    key = b64u_dec(read_json("rfc7797.oct.jwk.json")["k"])
    secret = base64.b64decode(read_text("rfc7797.secret.b64", no_trailing_newline=True), validate=True)
    assert secret == key
    signing_input = parts[0].encode("ascii") + b"." + payload  # unencoded payload
    mac = hmac.new(key, signing_input, hashlib.sha256).digest()
    assert hmac.compare_digest(mac, b64u_dec(parts[2])), "HMAC over unencoded payload mismatch"
    # the base64url-encoded signing input must NOT verify (b64:false really matters)
    wrong = hmac.new(key, parts[0].encode() + b"." + b64u_enc(payload).encode(), hashlib.sha256).digest()
    assert wrong != mac
    return "manual HMAC over ASCII(header).'$.02' ok (jwk, secret.b64)"


CHECKS = [
    ("rfc7515_a1_hs256", lambda: check_signed(
        "rfc7515_a1_hs256.jwt", "HS256", "rfc7515_a1_hs256.oct.jwk.json",
        secret_file="rfc7515_a1_hs256.secret.b64", expect=expect_claims)),
    ("rfc7515_a2_rs256", lambda: check_signed(
        "rfc7515_a2_rs256.jwt", "RS256", "rfc7515_a2_rs256.pub.jwk.json",
        key_files=["rfc7515_a2_rs256.pub.pem", "rfc7515_a2_rs256.pub.pkcs1.pem", "rfc7515_a2_rs256.pub.der"],
        expect=expect_claims)),
    ("rfc7515_a3_es256", lambda: check_signed(
        "rfc7515_a3_es256.jwt", "ES256", "rfc7515_a3_es256.pub.jwk.json",
        key_files=["rfc7515_a3_es256.pub.pem", "rfc7515_a3_es256.pub.der"], expect=expect_claims)),
    ("rfc7515_a4_es512", lambda: check_signed(
        "rfc7515_a4_es512.jwt", "ES512", "rfc7515_a4_es512.pub.jwk.json",
        key_files=["rfc7515_a4_es512.pub.pem"], expect=expect_text("Payload"))),
    ("rfc7515_a5_none", check_none),
    ("rfc7520_4_1_rs256", lambda: check_signed(
        "rfc7520_4_1_rs256.jwt", "RS256", "rfc7520_bilbo_rsa.pub.jwk.json",
        key_files=["rfc7520_bilbo_rsa.pub.pem"], expect=expect_text(BILBO_TEXT, BILBO_KID))),
    ("rfc7520_4_2_ps384", lambda: check_signed(
        "rfc7520_4_2_ps384.jwt", "PS384", "rfc7520_bilbo_rsa.pub.jwk.json",
        key_files=["rfc7520_bilbo_rsa.pub.pem"], expect=expect_text(BILBO_TEXT, BILBO_KID))),
    ("rfc7520_4_3_es512", lambda: check_signed(
        "rfc7520_4_3_es512.jwt", "ES512", "rfc7520_bilbo_ec.pub.jwk.json",
        key_files=["rfc7520_bilbo_ec.pub.pem"], expect=expect_text(BILBO_TEXT, BILBO_KID))),
    ("rfc7520_4_4_hs256", lambda: check_signed(
        "rfc7520_4_4_hs256.jwt", "HS256", "rfc7520_4_4_hs256.oct.jwk.json",
        secret_file="rfc7520_4_4_hs256.secret.b64",
        expect=expect_text(BILBO_TEXT, "018c0ae5-4d9b-471b-bfd6-eef314bc7037"))),
    ("rfc8037_a4_eddsa", lambda: check_signed(
        "rfc8037_a4_eddsa.jwt", "EdDSA", "rfc8037_a4_eddsa.pub.jwk.json",
        key_files=["rfc8037_a4_eddsa.pub.pem", "rfc8037_a1_ed25519.pub.pem"],
        expect=expect_text("Example of Ed25519 signing"))),
    ("rfc8037_a4_eddsa (A.1 jwk)", lambda: check_signed(
        "rfc8037_a4_eddsa.jwt", "EdDSA", "rfc8037_a1_ed25519.pub.jwk.json",
        key_files=["rfc8037_a1_ed25519.pub.pem"])),
    ("rfc8037_a1_ed25519 private key", check_ed25519_private),
    ("rfc7797_4_1", lambda: check_signed(
        "rfc7797_4_1.jwt", "HS256", "rfc7797.oct.jwk.json",
        secret_file="rfc7797.secret.b64", expect=expect_text("$.02"))),
    ("rfc7797_4_2_detached", check_7797_detached),
]


def check_rfc9964_mldsa44():
    """RFC 9964 A.1 (in rfc-next/, which the coverage check does not walk): the ML-DSA-44
    token verifies with `cryptography`'s ML-DSA, and a tampered one does not."""
    from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA44PublicKey

    folder = os.path.join(HERE, "rfc-next")
    with open(os.path.join(folder, "rfc9964_a1_mldsa44.jwt")) as f:
        token = f.read().strip()
    with open(os.path.join(folder, "rfc9964_a1_mldsa44.pub.hex")) as f:
        public = MLDSA44PublicKey.from_public_bytes(bytes.fromhex(f.read().strip()))
    header, payload, sig = token.split(".")
    assert json.loads(b64u_dec(header))["alg"] == "ML-DSA-44"
    public.verify(b64u_dec(sig), f"{header}.{payload}".encode())
    try:
        public.verify(b64u_dec(sig), f"{header}.{payload}x".encode())
    except InvalidSignature:
        return "verified; tampered rejected"
    raise AssertionError("a tampered ML-DSA-44 input verified")


CHECKS.append(("rfc9964_a1_mldsa44", check_rfc9964_mldsa44))


def main():
    passed = failed = 0
    for name, fn in CHECKS:
        try:
            detail = fn()
            print(f"PASS {name}: {detail}")
            passed += 1
        except Exception as e:  # noqa: BLE001
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            failed += 1
    unused = sorted(set(os.listdir(RFC)) - USED)
    if unused:
        print(f"FAIL coverage: files not checked by any vector: {', '.join(unused)}")
        failed += 1
    else:
        print(f"PASS coverage: all {len(USED)} files in rfc/ checked")
        passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
