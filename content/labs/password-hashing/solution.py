import base64
import hashlib
import hmac
import os
import re

SALT_BYTES = 16
HASH_BYTES = 32
DEFAULTS = {"N": 16384, "r": 8, "p": 1}
# The whole stored string, strictly: 16 bytes of base64 is 22 characters plus "==", 32 bytes is 43 plus "=".
FORMAT = re.compile(r"scrypt\$N=(\d{1,10}),r=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)")


def _parse(stored):
    """Return (params, salt, hash) or None: the stored string is untrusted input."""
    if not isinstance(stored, str):
        return None
    match = FORMAT.fullmatch(stored)
    if match is None:
        return None
    n, r, p, salt, digest = match.groups()
    params = {"N": int(n), "r": int(r), "p": int(p)}
    return params, base64.b64decode(salt, validate=True), base64.b64decode(digest, validate=True)


def _derive(password, salt, params):
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=params["N"], r=params["r"], p=params["p"], dklen=HASH_BYTES)


def hash_password(password: str, params: dict | None = None) -> str:
    params = params or DEFAULTS
    salt = os.urandom(SALT_BYTES)
    digest = _derive(password, salt, params)
    encode = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return f"scrypt$N={params['N']},r={params['r']},p={params['p']}${encode(salt)}${encode(digest)}"


def verify_password(password: str, stored: str) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return False
    params, salt, expected = parsed
    if len(salt) != SALT_BYTES or len(expected) != HASH_BYTES:
        return False
    try:
        # hashlib raises ValueError for N not a power of two, zero r or p, or too much memory.
        candidate = _derive(password, salt, params)
    except (ValueError, OverflowError):
        return False
    return hmac.compare_digest(candidate, expected)


def needs_rehash(stored: str, current_params: dict) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return True
    params = parsed[0]
    return any(params[key] != current_params[key] for key in ("N", "r", "p"))
