"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import base64
import hashlib
import hmac
import json

NOW = 1700000000
SECRET = "s3cret-key"
HS256 = {"alg": "HS256", "typ": "JWT"}
VISIBLE_PAYLOAD = {"sub": "user-42", "name": "Zoë ~?>", "iat": NOW - 60, "exp": NOW + 600}


def seg(value):
    """base64url of a string or of a value's compact JSON, exactly as an issuer would write it."""
    raw = value.encode() if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def token(payload, header=HS256, secret=SECRET, digest=hashlib.sha256):
    signing_input = f"{seg(header)}.{seg(payload)}"
    mac = hmac.new(secret.encode(), signing_input.encode(), digest).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def check(s, token_value, **options):
    """"ok" or the reason; "threw" if the verifier raised instead of answering."""
    try:
        result = s.verify_jwt(token_value, SECRET, **options)
    except Exception:  # noqa: BLE001
        return "threw"
    return "ok" if result["ok"] else result["reason"]


def valid(s):
    return s.verify_jwt(token(VISIBLE_PAYLOAD), SECRET, now=NOW)


def tampered(s):
    payload = {"sub": "user-42", "admin": False, "exp": NOW + 600}
    header, _, signature = token(payload).split(".")
    promoted = f"{header}.{seg({**payload, 'admin': True})}.{signature}"
    other_secret = token(payload, secret="other-key")
    flipped = f"{header}.{seg(payload)}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    return [check(s, t, now=NOW) for t in (promoted, other_secret, flipped)]


def segment_lengths(s):
    out = []
    for sub in ["a", "ab", "abc", "abcd"]:
        result = s.verify_jwt(token({"sub": sub}), SECRET, now=NOW)
        out.append(result["payload"]["sub"] if result["ok"] else result["reason"])
    return out


def only_hs256(s):
    payload = {"sub": "user-42", "exp": NOW + 600}
    tokens = [
        f"{seg({'alg': 'none', 'typ': 'JWT'})}.{seg(payload)}.",
        token(payload, header={"alg": "none", "typ": "JWT"}),
        token(payload, header={"alg": "HS512", "typ": "JWT"}, digest=hashlib.sha512),
        token(payload, header={"alg": "hs256", "typ": "JWT"}),
        token(payload, header={"typ": "JWT"}),
    ]
    return [check(s, t, now=NOW) for t in tokens]


def exp_exclusive(s):
    return [
        check(s, token({"sub": "u", "exp": NOW}), now=NOW),
        check(s, token({"sub": "u", "exp": NOW + 1}), now=NOW),
        check(s, token({"sub": "u", "exp": NOW - 1}), now=NOW),
    ]


def leeway(s):
    return [
        check(s, token({"sub": "u", "exp": NOW - 30}), now=NOW, leeway_seconds=30),
        check(s, token({"sub": "u", "exp": NOW - 29}), now=NOW, leeway_seconds=30),
        check(s, token({"sub": "u", "nbf": NOW + 30}), now=NOW, leeway_seconds=30),
        check(s, token({"sub": "u", "nbf": NOW + 31}), now=NOW, leeway_seconds=30),
        check(s, token({"sub": "u", "nbf": NOW + 1}), now=NOW),
    ]


def audience(s):
    return [
        check(s, token({"sub": "u", "aud": "orders-api"}), now=NOW, audience="orders-api"),
        check(s, token({"sub": "u", "aud": ["billing-api", "orders-api"]}), now=NOW, audience="orders-api"),
        check(s, token({"sub": "u", "aud": "billing-api"}), now=NOW, audience="orders-api"),
        check(s, token({"sub": "u"}), now=NOW, audience="orders-api"),
        check(s, token({"sub": "u", "aud": "orders-api-staging"}), now=NOW, audience="orders-api"),
        check(s, token({"sub": "u", "aud": "billing-api"}), now=NOW),
    ]


def malformed(s):
    valid_token = token(VISIBLE_PAYLOAD)
    header, payload, signature = valid_token.split(".")
    standard_base64 = valid_token.replace("-", "+").replace("_", "/")
    tokens = [
        "",
        "abc",
        f"{header}.{payload}",
        f"{valid_token}.extra",
        f"{seg('not json')}.{payload}.{signature}",
        token([1, 2, 3]),
        standard_base64,
        token({"sub": "u", "exp": "tomorrow"}),
        None,
    ]
    return [check(s, t, now=NOW) for t in tokens]


def order(s):
    expired = {"sub": "u", "exp": NOW - 3600, "aud": "orders-api"}
    other_audience = {"sub": "u", "exp": NOW + 600, "aud": "billing-api"}
    return [
        check(s, token(expired, secret="other-key"), now=NOW, audience="orders-api"),
        check(s, f"{seg({'alg': 'none'})}.{seg(expired)}.", now=NOW, audience="orders-api"),
        check(s, token(other_audience, secret="other-key"), now=NOW, audience="orders-api"),
    ]


TESTS = {
    "a valid token is accepted": valid,
    "a tampered token fails the signature check": tampered,
    "segments of every length decode": segment_lengths,
    "only HS256 is allowed": only_hs256,
    "exp is exclusive without leeway": exp_exclusive,
    "leeway widens exp and nbf": leeway,
    "audience must match when asked for": audience,
    "malformed tokens are reported, not thrown": malformed,
    "the signature is checked before the claims": order,
}
