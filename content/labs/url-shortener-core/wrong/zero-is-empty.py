# Wrong: the encode loop runs "while n > 0", so 0 encodes to the empty string (and "" decodes to 0).
import re
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode_base62(n):
    if n < 0 or n > 2**53 - 1:
        raise ValueError("out of range")
    code = ""
    while n > 0:
        n, rest = divmod(n, 62)
        code = ALPHABET[rest] + code
    return code


def decode_base62(code):
    n = 0
    for ch in code:
        n = n * 62 + ALPHABET.index(ch)  # ValueError for characters outside the alphabet
        if n > 2**53 - 1:
            raise ValueError("too large")
    return n


class Shortener:
    def __init__(self, next_id=None):
        self._counter = 0
        self._next_id = next_id or self._count
        self._links = {}
        self._generated = {}

    def _count(self):
        self._counter += 1
        return self._counter

    def shorten(self, url, alias=None):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("invalid URL")
        if alias is not None:
            if not re.fullmatch(r"[0-9A-Za-z_-]{1,32}", alias):
                raise ValueError("invalid alias")
            if alias in self._links:
                return alias if self._links[alias]["url"] == url else None
            self._links[alias] = {"url": url, "clicks": 0}
            return alias
        if url in self._generated:
            return self._generated[url]
        code = encode_base62(self._next_id())
        while code in self._links:
            code = encode_base62(self._next_id())
        self._links[code] = {"url": url, "clicks": 0}
        self._generated[url] = code
        return code

    def resolve(self, code):
        link = self._links.get(code)
        if link is None:
            return {"status": 404, "location": None}
        link["clicks"] += 1
        return {"status": 302, "location": link["url"]}

    def clicks(self, code):
        return self._links[code]["clicks"] if code in self._links else 0
