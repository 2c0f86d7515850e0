import base64
import binascii
import hashlib
import hmac
import json
import math
import re

SEGMENT = re.compile(r"[A-Za-z0-9_-]*")


def _fail(reason):
    return {"ok": False, "reason": reason}


def _b64url_decode(segment: str) -> bytes:
    # base64url in JWTs has no padding; Python's decoder insists on it, so put it back.
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _decode_object(segment: str):
    if segment == "":
        return None
    try:
        value = json.loads(_b64url_decode(segment).decode("utf-8"))
    except (binascii.Error, ValueError):  # bad base64, invalid UTF-8 and bad JSON are all ValueErrors
        return None
    return value if isinstance(value, dict) else None


def _time_claim_ok(payload, name):
    value = payload.get(name)
    if value is None and name not in payload:
        return True
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def verify_jwt(token, secret, *, now, leeway_seconds=0, audience=None):
    # 1. Structure: exactly three base64url segments (4k+1 characters can never be valid), JSON objects, numeric time claims.
    if not isinstance(token, str):
        return _fail("malformed")
    parts = token.split(".")
    if len(parts) != 3 or not all(SEGMENT.fullmatch(part) and len(part) % 4 != 1 for part in parts):
        return _fail("malformed")
    header_part, payload_part, signature_part = parts
    header = _decode_object(header_part)
    payload = _decode_object(payload_part)
    if header is None or payload is None:
        return _fail("malformed")
    if not _time_claim_ok(payload, "exp") or not _time_claim_ok(payload, "nbf"):
        return _fail("malformed")

    # 2. The verifier decides the algorithm, not the token.
    if header.get("alg") != "HS256":
        return _fail("alg_not_allowed")

    # 3. Signature over the segments exactly as received, compared in constant time.
    expected = hmac.new(secret.encode("utf-8"), f"{header_part}.{payload_part}".encode("ascii"), hashlib.sha256).digest()
    # A segment of 4k+1 characters was refused above, so the signature always decodes.
    if not hmac.compare_digest(_b64url_decode(signature_part), expected):
        return _fail("bad_signature")

    # 4-6. Claims, only once we know who wrote them.
    if "exp" in payload and now >= payload["exp"] + leeway_seconds:
        return _fail("expired")
    if "nbf" in payload and now < payload["nbf"] - leeway_seconds:
        return _fail("not_yet_valid")
    if audience is not None:
        aud = payload.get("aud")
        matches = aud == audience if isinstance(aud, str) else isinstance(aud, list) and audience in aud
        if not matches:
            return _fail("wrong_audience")
    return {"ok": True, "payload": payload}
