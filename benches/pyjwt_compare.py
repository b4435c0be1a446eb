"""`jwt-inspector verify --batch` next to PyJWT's `jwt.decode` on the same tokens and keys.

    pip install PyJWT cryptography
    cargo build --release
    python3 benches/pyjwt_compare.py [target/release/jwt-inspector] [tokens per algorithm]

Prints tokens per second for each and the ratio. PyJWT runs in one process (one core); the
inspector on one thread and on every core.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jwt

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/jwt-inspector"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
payload = '{"sub":"1234567890","name":"bench","iat":1795348800,"exp":4102444800}'
cores = os.cpu_count() or 1


def run(*args, stdin=None):
    return subprocess.run([binary, *args], input=stdin, check=True, capture_output=True, text=True)


with tempfile.TemporaryDirectory() as tmp:
    keys = Path(tmp)
    run("keygen", "--type", "rsa", "--out-dir", tmp)
    run("keygen", "--type", "ec", "--curve", "P-256", "--out-dir", tmp)
    run("keygen", "--type", "ed25519", "--out-dir", tmp)
    secret = "a benchmark secret that is long enough for HS256"
    cases = [
        ("HS256", ["--secret", secret], secret),
        ("RS256", ["--key", str(keys / "rsa2048.private.pem")], (keys / "rsa2048.public.pem").read_text()),
        ("ES256", ["--key", str(keys / "ec-p256.private.pem")], (keys / "ec-p256.public.pem").read_text()),
        ("EdDSA", ["--key", str(keys / "ed25519.private.pem")], (keys / "ed25519.public.pem").read_text()),
    ]
    publics = {"RS256": keys / "rsa2048.public.pem", "ES256": keys / "ec-p256.public.pem", "EdDSA": keys / "ed25519.public.pem"}
    print(f"{'alg':<6} {'PyJWT/s':>10} {'ours 1 thread/s':>16} {'ours ' + str(cores) + ' threads/s':>18} {'ratio (1 thread)':>17}")
    for alg, sign_args, verify_key in cases:
        token = run("sign", "--alg", alg, *sign_args, "--payload", payload).stdout.strip()
        tokens = (token + "\n") * count
        start = time.perf_counter()
        for _ in range(count):
            jwt.decode(token, verify_key, algorithms=[alg])
        pyjwt = count / (time.perf_counter() - start)
        key_args = ["--secret", secret] if alg == "HS256" else ["--key", str(publics[alg])]
        rates = []
        for threads in (1, cores):
            start = time.perf_counter()
            run("verify", "--batch", *key_args, "--threads", str(threads), stdin=tokens)
            rates.append(count / (time.perf_counter() - start))
        print(f"{alg:<6} {pyjwt:>10.0f} {rates[0]:>16.0f} {rates[1]:>18.0f} {rates[0] / pyjwt:>16.1f}x")
