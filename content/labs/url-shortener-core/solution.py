import re
from typing import Callable, Optional
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGIT = {ch: i for i, ch in enumerate(ALPHABET)}
MAX_ID = 2**53 - 1  # the same ceiling as JavaScript's Number.MAX_SAFE_INTEGER
ALIAS = re.compile(r"[0-9A-Za-z_-]{1,32}")


def encode_base62(n: int) -> str:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > MAX_ID:
        raise ValueError(f"cannot encode {n!r}")
    digits = []
    while True:  # at least one pass, so 0 becomes "0"
        n, rest = divmod(n, 62)
        digits.append(ALPHABET[rest])
        if n == 0:
            break
    return "".join(reversed(digits))


def decode_base62(code: str) -> int:
    if not code:
        raise ValueError("empty code")
    n = 0
    for ch in code:
        if ch not in DIGIT:
            raise ValueError(f"invalid character {ch!r}")
        n = n * 62 + DIGIT[ch]
        if n > MAX_ID:
            raise ValueError("code is too large")
    return n


def _is_web_url(url) -> bool:
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


class Shortener:
    def __init__(self, next_id: Optional[Callable[[], int]] = None):
        if next_id is None:
            counter = iter(range(1, MAX_ID))
            next_id = lambda: next(counter)  # noqa: E731
        self._next_id = next_id
        self._links: dict[str, dict] = {}  # code -> {"url": ..., "clicks": ...}
        self._generated: dict[str, str] = {}  # url -> code generated for it without an alias

    def shorten(self, url: str, alias: Optional[str] = None) -> Optional[str]:
        if not _is_web_url(url):
            raise ValueError(f"not an http(s) URL: {url!r}")
        if alias is not None:
            if not isinstance(alias, str) or not ALIAS.fullmatch(alias):
                raise ValueError(f"invalid alias: {alias!r}")
            taken = self._links.get(alias)
            if taken is not None:
                # Never overwrite a link that belongs to another URL.
                return alias if taken["url"] == url else None
            self._links[alias] = {"url": url, "clicks": 0}
            return alias

        if url in self._generated:
            return self._generated[url]
        code = encode_base62(self._next_id())
        while code in self._links:  # a vanity alias already took this code
            code = encode_base62(self._next_id())
        self._links[code] = {"url": url, "clicks": 0}
        self._generated[url] = code
        return code

    def resolve(self, code: str) -> dict:
        link = self._links.get(code)
        if link is None:
            return {"status": 404, "location": None}
        link["clicks"] += 1
        # 302 rather than 301: browsers cache permanent redirects, so later clicks would bypass us.
        return {"status": 302, "location": link["url"]}

    def clicks(self, code: str) -> int:
        link = self._links.get(code)
        return link["clicks"] if link else 0
