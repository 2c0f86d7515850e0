import base64
import hashlib
import hmac
import json


def verify_jwt(token: str, secret: str, *, now: float, leeway_seconds: float = 0, audience: str | None = None) -> dict:
    """Return {"ok": True, "payload": {...}} or {"ok": False, "reason": "..."}."""
    return {"ok": False, "reason": "malformed"}
