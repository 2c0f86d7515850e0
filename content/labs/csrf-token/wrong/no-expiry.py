# Wrong: never looks at the issue time, so a token leaked once (logs, referrers, an old page) stays valid for the whole session.
import base64
import hashlib
import hmac
import re


def _b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _mac(secret, issued_at, nonce, session_id):
    return _b64url(hmac.new(secret.encode(), f"{issued_at}.{nonce}.{session_id}".encode(), hashlib.sha256).digest())


def issue_token(session_id, secret, now, random):
    nonce = _b64url(random(16))
    return f"{now}.{nonce}.{_mac(secret, now, nonce, session_id)}"


def check_token(token, session_id, secret, now, max_age_seconds):
    match = re.fullmatch(r"([0-9]+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})", token) if isinstance(token, str) else None
    if match is None:
        return False
    issued_at, nonce, mac = match.groups()
    return hmac.compare_digest(mac, _mac(secret, issued_at, nonce, session_id))


def should_check(method):
    return method not in ("GET", "HEAD", "OPTIONS")
