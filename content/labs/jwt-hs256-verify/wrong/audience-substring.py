# Wrong: checks the audience with `in`, which on a string is a substring test, so "orders-api-staging" passes for "orders-api".
import base64
import binascii
import hashlib
import hmac
import json
import re


def _decode(segment):
    try:
        value = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (binascii.Error, ValueError):
        return None
    return value if isinstance(value, dict) else None


def verify_jwt(token, secret, *, now, leeway_seconds=0, audience=None):
    if not isinstance(token, str):
        return {"ok": False, "reason": "malformed"}
    parts = token.split(".")
    if len(parts) != 3 or any(not re.fullmatch(r"[A-Za-z0-9_-]*", p) or len(p) % 4 == 1 for p in parts):
        return {"ok": False, "reason": "malformed"}
    header, payload = _decode(parts[0]), _decode(parts[1])
    if header is None or payload is None:
        return {"ok": False, "reason": "malformed"}
    for claim in ("exp", "nbf"):
        if claim in payload and (isinstance(payload[claim], bool) or not isinstance(payload[claim], (int, float))):
            return {"ok": False, "reason": "malformed"}
    if header.get("alg") != "HS256":
        return {"ok": False, "reason": "alg_not_allowed"}
    expected = hmac.new(secret.encode(), f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
    actual = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
    if not hmac.compare_digest(actual, expected):
        return {"ok": False, "reason": "bad_signature"}
    if "exp" in payload and now >= payload["exp"] + leeway_seconds:
        return {"ok": False, "reason": "expired"}
    if "nbf" in payload and now < payload["nbf"] - leeway_seconds:
        return {"ok": False, "reason": "not_yet_valid"}
    if audience is not None and audience not in payload.get("aud", []):
        return {"ok": False, "reason": "wrong_audience"}
    return {"ok": True, "payload": payload}
