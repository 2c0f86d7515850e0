# Wrong: needs_rehash only looks at whether N went up, so raising r or p (or a row in another format) never triggers an upgrade.
import base64
import hashlib
import hmac
import os
import re

FORMAT = re.compile(r"scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)")


def hash_password(password, params=None):
    params = params or {"N": 16384, "r": 8, "p": 1}
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=params["N"], r=params["r"], p=params["p"], dklen=32)
    return f"scrypt$N={params['N']},r={params['r']},p={params['p']}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password, stored):
    match = FORMAT.fullmatch(stored) if isinstance(stored, str) else None
    if match is None:
        return False
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    salt, expected = base64.b64decode(match.group(4)), base64.b64decode(match.group(5))
    try:
        candidate = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    except ValueError:
        return False
    return hmac.compare_digest(candidate, expected)


def needs_rehash(stored, current_params):
    match = re.search(r"N=(\d+)", stored)
    return match is not None and int(match.group(1)) < current_params["N"]
