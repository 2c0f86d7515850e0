"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""

NOW = 1700000000
SECRET = "csrf-secret"


def counting_random():
    """A deterministic random source: call k returns `size` bytes all equal to k, and records the sizes asked for."""
    sizes = []

    def random(size):
        sizes.append(size)
        return bytes([len(sizes)]) * size

    return random, sizes


def issue(s, session_id="sess-1", now=NOW):
    return s.issue_token(session_id, SECRET, now, counting_random()[0])


def safe_check(s, token, session_id="sess-1", now=NOW, max_age=3600):
    """check_token's answer, or "threw" so one bad input does not hide the others."""
    try:
        return s.check_token(token, session_id, SECRET, now, max_age)
    except Exception:  # noqa: BLE001
        return "threw"


def flip_first(part):
    return ("B" if part[0] == "A" else "A") + part[1:]


def format_(s):
    random, sizes = counting_random()
    return [s.issue_token("sess-1", SECRET, NOW, random), sizes]


def fresh(s):
    token = issue(s)
    return [s.check_token(token, "sess-1", SECRET, NOW, 3600), s.check_token(token, "sess-1", SECRET, NOW + 10, 3600)]


def safe_methods(s):
    return [s.should_check("GET"), s.should_check("POST")]


def other_session(s):
    token = issue(s, "sess-1")
    return [safe_check(s, token, "sess-2"), safe_check(s, token, "sess-10"), safe_check(s, token, "sess-1")]


def expiry(s):
    token = issue(s)
    return [
        safe_check(s, token, "sess-1", NOW + 3600, 3600),
        safe_check(s, token, "sess-1", NOW + 3601, 3600),
        safe_check(s, token, "sess-1", NOW - 1, 3600),
    ]


def tampering(s):
    token = issue(s)
    issued_at, nonce, mac = token.split(".")
    later = NOW + 4000
    return [
        # Moving issuedAt forward would make an expired token young again.
        safe_check(s, f"{int(issued_at) + 1000}.{nonce}.{mac}", "sess-1", later),
        safe_check(s, f"{issued_at}.{flip_first(nonce)}.{mac}"),
        safe_check(s, f"{issued_at}.{nonce}.{flip_first(mac)}"),
        s.check_token(token, "sess-1", "another-secret", NOW, 3600),
    ]


def malformed(s):
    token = issue(s)
    issued_at, nonce, mac = token.split(".")
    values = ["", "abc", f"{issued_at}.{nonce}", f"{token}.extra", f"-5.{nonce}.{mac}", f"{issued_at}.{nonce}.{mac}=", None, 12345]
    return [safe_check(s, value) for value in values]


def methods(s):
    return [s.should_check(m) for m in ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "PROPFIND"]]


def nonces(s):
    random, sizes = counting_random()
    first = s.issue_token("sess-1", SECRET, NOW, random)
    second = s.issue_token("sess-1", SECRET, NOW, random)
    return [first != second, s.check_token(first, "sess-1", SECRET, NOW, 3600), s.check_token(second, "sess-1", SECRET, NOW, 3600), sizes]


TESTS = {
    "issueToken builds the documented format": format_,
    "a fresh token passes for its own session": fresh,
    "safe methods skip the check": safe_methods,
    "a token from another session is rejected": other_session,
    "tokens expire after maxAgeSeconds": expiry,
    "tampering with any part fails": tampering,
    "malformed tokens return false": malformed,
    "only GET, HEAD and OPTIONS skip the check": methods,
    "every token gets its own nonce": nonces,
}
