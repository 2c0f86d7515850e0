import hashlib
import math
import re
import time
from email.utils import parsedate_to_datetime


class ApiError(Exception):
    def __init__(self, status: int, message: str | None = None):
        super().__init__(message or f"completion API answered {status}")
        self.status = status


class BudgetExceeded(Exception):
    pass


def _normalise(prompt: str) -> str:
    return re.sub(r"\s+", " ", prompt.strip())


def cache_key(prompt: str) -> str:
    """Hex SHA-256 of the normalised prompt: equivalent prompts share one cache entry."""
    return hashlib.sha256(_normalise(prompt).encode("utf-8")).hexdigest()


def _header(headers: dict | None, name: str) -> str | None:
    # HTTP header names are case-insensitive; a plain dict is not.
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value)
    return None


class AiClient:
    def __init__(self, transport, *, sleep=None, now=None, max_retries=3, token_budget=None):
        self._transport = transport
        self._sleep = sleep or (lambda ms: time.sleep(ms / 1000))
        self._now = now or (lambda: time.time() * 1000)
        self._max_retries = max_retries
        self._remaining = math.inf if token_budget is None else token_budget
        self._cache: dict[str, str] = {}

    @property
    def remaining_tokens(self):
        return self._remaining

    def complete(self, prompt: str) -> dict:
        key = cache_key(prompt)
        # The cache comes first: a hit is free, so it is served even with the budget spent.
        if key in self._cache:
            return {"text": self._cache[key], "cached": True}
        if self._remaining <= 0:
            raise BudgetExceeded("token budget exhausted")

        request = {"prompt": _normalise(prompt)}
        attempt = 0
        while True:
            response = self._transport(request)
            status = response["status"]
            if 200 <= status <= 299:
                body = response["body"]
                self._remaining -= body["usage"]["total_tokens"]
                self._cache[key] = body["text"]
                return {"text": body["text"], "cached": False}
            if not (status == 429 or 500 <= status <= 599) or attempt >= self._max_retries:
                raise ApiError(status)
            self._sleep(self._retry_delay(response, attempt))
            attempt += 1

    def _retry_delay(self, response: dict, attempt: int) -> float:
        """Retry-After (seconds or an HTTP date) when the server sent a usable one, else 500 * 2**k ms."""
        value = _header(response.get("headers"), "retry-after")
        if value is not None:
            value = value.strip()
            if value.isascii() and value.isdigit():
                return int(value) * 1000
            try:
                date_ms = parsedate_to_datetime(value).timestamp() * 1000
            except (TypeError, ValueError, IndexError):
                pass
            else:
                return max(0, date_ms - self._now())
        return 500 * 2**attempt
