"""JWEs made by `jwt-inspector encrypt` decrypt with an independent implementation, Python's
jwcrypto (on `cryptography`/OpenSSL), for every key management algorithm and content encryption
`encrypt` offers. The keys are generated here with `cryptography` and written as JWK files to a
temporary directory; `encrypt` gets the public (or shared) key, jwcrypto the private one. Run by
.ci/run:

    python3 tests/interop/jwcrypto_decrypts_our_jwes.py target/debug/jwt-inspector
"""
import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import jwcrypto.jwa
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwcrypto import jwe, jwk

binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/jwt-inspector"
payload = '{"sub":"interop","name":"Zoë","n":1e20}'
password = "correct horse battery staple"
ENCS = ["A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"]
ENC_KEY_BYTES = {"A128GCM": 16, "A192GCM": 24, "A256GCM": 32, "A128CBC-HS256": 32, "A192CBC-HS384": 48,
                 "A256CBC-HS512": 64}
# jwcrypto refuses more than 16,384 PBKDF2 iterations by default (its own denial-of-service cap);
# `encrypt` writes p2c 310,000 unless told otherwise, so the cap is raised to this tool's own
# (1,000,000) to check the default tokens as they are made.
jwcrypto.jwa.default_max_pbkdf2_iterations = 1_000_000
passed = failed = 0


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def write_jwk(directory: Path, name: str, key: jwk.JWK, private: bool) -> Path:
    path = directory / f"{name}.jwk.json"
    path.write_text(key.export(private_key=private))
    return path


def check(alg, enc, key_args, private_jwk, extra_header=""):
    global passed, failed
    label = f"{alg} {enc}{' ' + extra_header if extra_header else ''}"
    header = f'{{"alg":"{alg}","enc":"{enc}"{extra_header}}}'
    try:
        token = subprocess.run(
            [binary, "encrypt", "--alg", alg, "--enc", enc, *key_args, "--header", header, "--payload", payload],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
        message = jwe.JWE(algs=[alg, enc])
        message.deserialize(token, key=private_jwk)
        assert message.payload.decode() == payload, message.payload
        protected = json.loads(message.objects["protected"])
        assert protected["alg"] == alg and protected["enc"] == enc, protected
        print(f"PASS {label}")
        passed += 1
    except subprocess.CalledProcessError as error:
        print(f"FAIL {label}: encrypt exited {error.returncode}: {error.stderr.strip()}")
        failed += 1
    except Exception as error:  # noqa: BLE001 - report every failure, then exit non-zero
        print(f"FAIL {label}: {error!r}")
        failed += 1


with tempfile.TemporaryDirectory() as tmp:
    keys = Path(tmp)
    rsa_key = jwk.JWK.from_pyca(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    rsa_public = write_jwk(keys, "rsa", rsa_key, private=False)
    ec_keys = {}
    for curve, pyca in [("P-256", ec.SECP256R1()), ("P-384", ec.SECP384R1()), ("P-521", ec.SECP521R1())]:
        key = jwk.JWK.from_pyca(ec.generate_private_key(pyca))
        ec_keys[curve] = (key, write_jwk(keys, curve, key, private=False))

    for enc in ENCS:
        cek = jwk.JWK.generate(kty="oct", size=ENC_KEY_BYTES[enc] * 8)
        check("dir", enc, ["--key", str(write_jwk(keys, f"dir-{enc}", cek, private=True))], cek)
        for bits in [128, 192, 256]:
            kek = jwk.JWK.generate(kty="oct", size=bits)
            kek_file = str(write_jwk(keys, f"kek-{bits}-{enc}", kek, private=True))
            check(f"A{bits}KW", enc, ["--key", kek_file], kek)
            check(f"A{bits}GCMKW", enc, ["--key", kek_file], kek)
        for alg in ["RSA-OAEP", "RSA-OAEP-256"]:
            check(alg, enc, ["--key", str(rsa_public)], rsa_key)
        for curve, (private, public_file) in ec_keys.items():
            for alg in ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"]:
                extra = ',"apu":"' + b64(b"Alice") + '","apv":"' + b64(curve.encode()) + '"'
                check(alg, enc, ["--key", str(public_file)], private, extra if alg == "ECDH-ES" else "")
        password_jwk = jwk.JWK(kty="oct", k=b64(password.encode()))
        for alg in ["PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"]:
            # The default count (310,000) once per alg; a small one for the other encs, for speed.
            extra = "" if enc == "A128GCM" else ',"p2c":1000'
            check(alg, enc, ["--secret", password], password_jwk, extra)
    # zip DEF, inflated by jwcrypto.
    cek = jwk.JWK.generate(kty="oct", size=256)
    check("dir", "A256GCM", ["--key", str(write_jwk(keys, "dir-zip", cek, private=True))], cek, ',"zip":"DEF"')

print(f"jwcrypto: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
