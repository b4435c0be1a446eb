"""Tokens signed by `jwt-inspector sign` (with keys from `jwt-inspector keygen`) verify with an
independent implementation, PyJWT on OpenSSL, for every algorithm PyJWT names (ES256K included);
`Ed25519` (RFC 9864) and ML-DSA (RFC 9964), which PyJWT does not name, are checked with Python's
`cryptography` directly. Run by .ci/run:

    python3 tests/interop/pyjwt_verifies_our_tokens.py target/debug/jwt-inspector
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import jwt  # PyJWT
from cryptography.hazmat.primitives import serialization

binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/jwt-inspector"
payload = '{"sub":"interop","n":1e20,"name":"Zoë"}'
passed = failed = 0


def run(*args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout.strip()


def check(alg, key_args, verify_key):
    global passed, failed
    token = run("sign", "--alg", alg, *key_args, "--payload", payload)
    try:
        claims = jwt.decode(token, verify_key, algorithms=[alg], options={"verify_aud": False})
        assert claims["sub"] == "interop" and claims["name"] == "Zoë", claims
        # The payload text was signed as typed: 1e20 is not re-serialised.
        assert token.split(".")[1] == jwt.utils.base64url_encode(payload.encode()).decode()
        print(f"PASS {alg}")
        passed += 1
    except Exception as error:  # noqa: BLE001 - report every failure, then exit non-zero
        print(f"FAIL {alg}: {error!r}")
        failed += 1


def check_raw(alg, key_args, public_pem):
    """For algorithms PyJWT does not name: the signature over `header.payload`, with `cryptography`."""
    global passed, failed
    token = run("sign", "--alg", alg, *key_args, "--payload", payload)
    try:
        header, body, signature = token.split(".")
        assert json.loads(jwt.utils.base64url_decode(header))["alg"] == alg
        public = serialization.load_pem_public_key(public_pem.encode())
        public.verify(jwt.utils.base64url_decode(signature), f"{header}.{body}".encode())
        print(f"PASS {alg}")
        passed += 1
    except Exception as error:  # noqa: BLE001 - report every failure, then exit non-zero
        print(f"FAIL {alg}: {error!r}")
        failed += 1


with tempfile.TemporaryDirectory() as tmp:
    keys = Path(tmp)
    for key_type, extra, stem in [
        ("rsa", ["--bits", "2048"], "rsa2048"),
        ("ec", ["--curve", "P-256"], "ec-p256"),
        ("ec", ["--curve", "P-384"], "ec-p384"),
        ("ec", ["--curve", "P-521"], "ec-p521"),
        ("ec", ["--curve", "secp256k1"], "ec-secp256k1"),
        ("ed25519", [], "ed25519"),
        ("ml-dsa-44", [], "ml-dsa-44"),
        ("ml-dsa-65", [], "ml-dsa-65"),
        ("ml-dsa-87", [], "ml-dsa-87"),
    ]:
        run("keygen", "--type", key_type, *extra, "--out-dir", tmp)
    secret = "an interop secret that is long enough for HS512 (64 bytes or more)"
    for alg in ["HS256", "HS384", "HS512"]:
        check(alg, ["--secret", secret], secret)
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]:
        check(alg, ["--key", str(keys / "rsa2048.private.pem")], (keys / "rsa2048.public.pem").read_text())
    for alg, stem in [("ES256", "ec-p256"), ("ES384", "ec-p384"), ("ES512", "ec-p521"), ("ES256K", "ec-secp256k1")]:
        check(alg, ["--key", str(keys / f"{stem}.private.pem")], (keys / f"{stem}.public.pem").read_text())
    check("EdDSA", ["--key", str(keys / "ed25519.private.pem")], (keys / "ed25519.public.pem").read_text())
    check_raw("Ed25519", ["--key", str(keys / "ed25519.private.pem")], (keys / "ed25519.public.pem").read_text())
    for alg in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"]:
        stem = alg.lower()
        check_raw(alg, ["--key", str(keys / f"{stem}.private.pem")], (keys / f"{stem}.public.pem").read_text())
        # The private AKP JWK (seed as `priv`) signs too.
        check_raw(alg, ["--key", str(keys / f"{stem}.private.jwk.json")], (keys / f"{stem}.public.pem").read_text())
    # A private JWK signs too, and PyJWT reads our public JWK.
    public_jwk = json.loads((keys / "ec-p256.public.jwk.json").read_text())
    check("ES256", ["--key", str(keys / "ec-p256.private.jwk.json")], jwt.PyJWK(public_jwk).key)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
