# Wrong: the issue time is outside the HMAC, so anyone can rewrite it and keep an old token alive forever.
import base64
import hashlib
import hmac
import re


def _b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _mac(secret, nonce, session_id):
    return _b64url(hmac.new(secret.encode(), f"{nonce}.{session_id}".encode(), hashlib.sha256).digest())


def issue_token(session_id, secret, now, random):
    nonce = _b64url(random(16))
    return f"{now}.{nonce}.{_mac(secret, nonce, session_id)}"


def check_token(token, session_id, secret, now, max_age_seconds):
    match = re.fullmatch(r"([0-9]+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})", token) if isinstance(token, str) else None
    if match is None:
        return False
    issued_at, nonce, mac = match.groups()
    if not hmac.compare_digest(mac, _mac(secret, nonce, session_id)):
        return False
    return 0 <= now - int(issued_at) <= max_age_seconds


def should_check(method):
    return method not in ("GET", "HEAD", "OPTIONS")
