"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


class IdSource:
    """An injected id source that hands out `ids` in turn and counts how often it was asked."""

    def __init__(self, ids):
        self.ids = ids
        self.calls = 0

    def __call__(self):
        if self.calls >= len(self.ids):
            raise RuntimeError("next_id called more often than expected")
        value = self.ids[self.calls]
        self.calls += 1
        return value


def outcome(fn):
    try:
        return fn()
    except Exception:  # noqa: BLE001 - any rejection counts
        return "error"


def encodes_small(s):
    return [s.encode_base62(n) for n in [0, 1, 9, 10, 35, 36, 61, 62, 125, 3843, 3844]]


def shortens_and_resolves(s):
    ids = IdSource([125])
    sh = s.Shortener(ids)
    code = sh.shorten("https://example.com/spring?utm=mail")
    return [code, sh.resolve(code), sh.resolve("nope")]


def round_trips(s):
    values = [0, 1, 61, 62, 3843, 3844, 916132831, 56800235583, 2**31, 2**52 + 7, 2**53 - 1]
    codes = [s.encode_base62(n) for n in values]
    same = all(s.decode_base62(code) == n for code, n in zip(codes, values))
    return [codes, same, s.decode_base62("a"), s.decode_base62("A")]


def rejects_invalid(s):
    return [
        outcome(lambda: s.encode_base62(-1)),
        outcome(lambda: s.encode_base62(2**53)),
        outcome(lambda: s.decode_base62("")),
        outcome(lambda: s.decode_base62("ab-c")),
        outcome(lambda: s.decode_base62("FfGNdXsE7")),
        outcome(lambda: s.decode_base62("FfGNdXsE8")),
        outcome(lambda: s.decode_base62("zzzzzzzzzz")),
    ]


def idempotent(s):
    ids = IdSource([1000, 1001, 1002])
    sh = s.Shortener(ids)
    first = sh.shorten("https://example.com/a")
    again = sh.shorten("https://example.com/a")
    other = sh.shorten("https://example.com/b")
    third = sh.shorten("https://example.com/a")
    return [first, again, other, third, ids.calls]


def only_web_urls(s):
    ids = IdSource([7, 8])
    sh = s.Shortener(ids)
    urls = [
        "ftp://files.example.com/report.pdf",
        "javascript:alert(1)",
        "example.com/page",
        "https://",
        "",
        "http://example.com",
        "https://shop.example.com:8443/cart?id=3#top",
    ]
    return [[outcome(lambda: sh.shorten(url)) for url in urls], ids.calls]


def alias_collision(s):
    ids = IdSource([500])
    sh = s.Shortener(ids)
    fall = "https://example.com/fall"
    return [
        sh.shorten(fall, "spring-sale"),
        sh.shorten("https://evil.example.net/", "spring-sale"),
        sh.shorten(fall, "spring-sale"),
        sh.resolve("spring-sale"),
        sh.shorten(fall),
        sh.shorten("https://example.com/other", sh.shorten(fall)),
        ids.calls,
    ]


def alias_format(s):
    sh = s.Shortener(IdSource([]))
    url = "https://example.com/x"
    aliases = ["", "has space", "a/b", "x" * 33, "x" * 32, "Q", "black_friday-2024"]
    return [outcome(lambda: sh.shorten(url, alias)) for alias in aliases]


def skips_aliases(s):
    ids = IdSource([125, 126])
    sh = s.Shortener(ids)
    vanity = sh.shorten("https://example.com/vanity", "21")
    code = sh.shorten("https://example.com/plain")
    return [vanity, code, sh.resolve("21")["location"], sh.resolve(code)["location"], ids.calls]


def counts_clicks(s):
    ids = IdSource([3844, 3845])
    sh = s.Shortener(ids)
    a = sh.shorten("https://example.com/a")
    b = sh.shorten("https://example.com/b")
    for _ in range(3):
        sh.resolve(a)
    sh.resolve(b)
    sh.resolve("missing")
    return [a, b, sh.clicks(a), sh.clicks(b), sh.clicks("missing"), sh.resolve(a)["status"]]


TESTS = {
    "encodes small numbers most significant digit first": encodes_small,
    "shortens and resolves a link": shortens_and_resolves,
    "round-trips up to the largest safe integer": round_trips,
    "rejects invalid numbers and codes": rejects_invalid,
    "the same URL gets the same code": idempotent,
    "only http and https URLs are accepted": only_web_urls,
    "a taken alias is never overwritten": alias_collision,
    "aliases must be 1 to 32 safe characters": alias_format,
    "generated codes skip codes taken by aliases": skips_aliases,
    "resolve counts clicks per code": counts_clicks,
}
