import base64
import hashlib
import hmac
import re
from typing import Callable

NONCE_BYTES = 16
TOKEN = re.compile(r"([0-9]+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})")
# Safe methods must not change state, so they need no token; every other method, known or not, does.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _mac(secret: str, issued_at: str, nonce: str, session_id: str) -> bytes:
    # The session id is inside the signed message: that is what binds the token to one session.
    message = f"{issued_at}.{nonce}.{session_id}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()


def issue_token(session_id: str, secret: str, now: int, random: Callable[[int], bytes]) -> str:
    issued_at = str(now)
    nonce = _b64url(random(NONCE_BYTES))
    return f"{issued_at}.{nonce}.{_b64url(_mac(secret, issued_at, nonce, session_id))}"


def check_token(token: str, session_id: str, secret: str, now: int, max_age_seconds: int) -> bool:
    # [0-9] rather than \d: Python's \d also matches non-ASCII digits such as "٣".
    match = TOKEN.fullmatch(token) if isinstance(token, str) else None
    if match is None:
        return False
    issued_at, nonce, received = match.groups()
    expected = _b64url(_mac(secret, issued_at, nonce, session_id))
    if not hmac.compare_digest(received.encode("ascii"), expected.encode("ascii")):
        return False
    age = now - int(issued_at)
    return 0 <= age <= max_age_seconds


def should_check(method: str) -> bool:
    return method not in SAFE_METHODS
