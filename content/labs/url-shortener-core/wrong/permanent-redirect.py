# Wrong: answers 301 and never counts clicks, as if every later visit would reach the server (browsers cache 301s).
import re
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode_base62(n):
    if not isinstance(n, int) or n < 0 or n > 2**53 - 1:
        raise ValueError("out of range")
    digits = []
    while True:
        n, rest = divmod(n, 62)
        digits.append(ALPHABET[rest])
        if n == 0:
            return "".join(reversed(digits))


def decode_base62(code):
    if not code:
        raise ValueError("empty")
    n = 0
    for ch in code:
        n = n * 62 + ALPHABET.index(ch)
        if n > 2**53 - 1:
            raise ValueError("too large")
    return n


class Shortener:
    def __init__(self, next_id=None):
        self._ids = iter(range(1, 2**53))
        self._next_id = next_id or (lambda: next(self._ids))
        self._links = {}
        self._generated = {}

    def shorten(self, url, alias=None):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("invalid URL")
        if alias is not None:
            if not re.fullmatch(r"[0-9A-Za-z_-]{1,32}", alias):
                raise ValueError("invalid alias")
            if alias in self._links:
                return alias if self._links[alias] == url else None
            self._links[alias] = url
            return alias
        if url not in self._generated:
            code = encode_base62(self._next_id())
            while code in self._links:
                code = encode_base62(self._next_id())
            self._links[code] = url
            self._generated[url] = code
        return self._generated[url]

    def resolve(self, code):
        if code not in self._links:
            return {"status": 404, "location": None}
        return {"status": 301, "location": self._links[code]}

    def clicks(self, code):
        return 0
