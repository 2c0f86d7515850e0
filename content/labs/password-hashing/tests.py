"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import base64
import hashlib

FAST = {"N": 1024, "r": 8, "p": 1}
SALT = "MDEyMzQ1Njc4OWFiY2RlZg=="  # the 16 ASCII bytes "0123456789abcdef"
# Generated with N=1024, r=8, p=1 for the password "pässwörd 🔑" (Node and Python agree on these bytes).
KNOWN = f"scrypt$N=1024,r=8,p=1${SALT}$lLEQ0/8HpINoezyBqAb/J1miaLbmzELBhkuoPinn8yg="
# The same salt with N=2048, r=4, p=2 for the password "hunter2".
KNOWN_COSTLY = f"scrypt$N=2048,r=4,p=2${SALT}$Ms33nv8ZbdA2Zqj2GUWw7XB9blwJ2hfuCDiGvQxdpdw="
ZERO_HASH = "A" * 43 + "="


def safe_verify(s, password, stored):
    """verify_password's answer, or "threw" so one bad input does not hide the others."""
    try:
        return s.verify_password(password, stored)
    except Exception:  # noqa: BLE001
        return "threw"


def round_trip(s):
    stored = s.hash_password("correct horse battery staple", FAST)
    return [s.verify_password("correct horse battery staple", stored), s.verify_password("Correct horse battery staple", stored)]


def format_(s):
    stored = s.hash_password("correct horse battery staple", FAST)
    parts = stored.split("$") + ["", "", "", ""]
    scheme, params, salt, digest = parts[:4]
    salt_bytes = base64.b64decode(salt)
    recomputed = hashlib.scrypt(b"correct horse battery staple", salt=salt_bytes, n=1024, r=8, p=1, dklen=32)
    return [scheme, params, len(salt_bytes), len(base64.b64decode(digest)), base64.b64encode(recomputed).decode() == digest]


def salted(s):
    first = s.hash_password("same password", FAST)
    second = s.hash_password("same password", FAST)
    return [first != second, s.verify_password("same password", first), s.verify_password("same password", second)]


def known(s):
    return [
        safe_verify(s, "pässwörd 🔑", KNOWN),
        safe_verify(s, "passwörd 🔑", KNOWN),
        safe_verify(s, "pässwörd 🔑 ", KNOWN),
    ]


def reads_params(s):
    return [
        safe_verify(s, "hunter2", KNOWN_COSTLY),
        safe_verify(s, "tr0ub4dor", s.hash_password("tr0ub4dor", {"N": 512, "r": 2, "p": 3})),
    ]


def malformed(s):
    stored_values = [
        "",
        "not a hash",
        KNOWN.replace("scrypt$", "bcrypt$"),
        f"scrypt$N=1024,r=8,p=1${SALT}",
        f"{KNOWN}$extra",
        f"scrypt$N=abc,r=8,p=1${SALT}${ZERO_HASH}",
        f"scrypt$N=1000,r=8,p=1${SALT}${ZERO_HASH}",
        f"scrypt$N=1024,r=0,p=1${SALT}${ZERO_HASH}",
        f"scrypt$N=1048576,r=8,p=1${SALT}${ZERO_HASH}",
        None,
    ]
    return [safe_verify(s, "pässwörd 🔑", stored) for stored in stored_values]


def truncated(s):
    return [
        # The first 16 bytes of the real hash: accepting it means the length came from the stored string.
        safe_verify(s, "pässwörd 🔑", f"scrypt$N=1024,r=8,p=1${SALT}$lLEQ0/8HpINoezyBqAb/Jw=="),
        safe_verify(s, "pässwörd 🔑", f"scrypt$N=1024,r=8,p=1${SALT}$"),
    ]


def rehash(s):
    current = {"N": 16384, "r": 8, "p": 1}
    return [
        s.needs_rehash(KNOWN, current),
        s.needs_rehash(f"scrypt$N=16384,r=8,p=1${SALT}${ZERO_HASH}", current),
        s.needs_rehash(f"scrypt$N=16384,r=16,p=1${SALT}${ZERO_HASH}", current),
        s.needs_rehash(f"scrypt$N=16384,r=8,p=2${SALT}${ZERO_HASH}", current),
        s.needs_rehash("md5$5f4dcc3b5aa765d61d8327deb882cf99", current),
    ]


def defaults(s):
    stored = s.hash_password("open sesame")
    return [
        stored.startswith("scrypt$N=16384,r=8,p=1$"),
        s.verify_password("open sesame", stored),
        s.needs_rehash(stored, {"N": 16384, "r": 8, "p": 1}),
    ]


TESTS = {
    "a hash verifies its own password only": round_trip,
    "the stored string follows the format": format_,
    "the same password hashes differently each time": salted,
    "verifies a known stored hash": known,
    "verify reads N, r and p from the stored string": reads_params,
    "malformed stored strings return false": malformed,
    "a truncated or empty hash never verifies": truncated,
    "needsRehash compares the stored cost with the current one": rehash,
    "default parameters are N=16384, r=8, p=1": defaults,
}
