# Wrong: checks the budget before looking in the cache, so once the budget is spent even free cache hits are refused.
import hashlib
import math
import re
import time
from email.utils import parsedate_to_datetime


class ApiError(Exception):
    def __init__(self, status):
        super().__init__(f"completion API answered {status}")
        self.status = status


class BudgetExceeded(Exception):
    pass


def _normalise(prompt):
    return re.sub(r"\s+", " ", prompt.strip())


def cache_key(prompt):
    return hashlib.sha256(_normalise(prompt).encode("utf-8")).hexdigest()


class AiClient:
    def __init__(self, transport, *, sleep=None, now=None, max_retries=3, token_budget=None):
        self.transport = transport
        self.sleep = sleep or (lambda ms: time.sleep(ms / 1000))
        self.now = now or (lambda: time.time() * 1000)
        self.max_retries = max_retries
        self.remaining_tokens = math.inf if token_budget is None else token_budget
        self.cache = {}

    def complete(self, prompt):
        if self.remaining_tokens <= 0:
            raise BudgetExceeded()
        key = cache_key(prompt)
        if key in self.cache:
            return {"text": self.cache[key]["body"]["text"], "cached": True}
        response = self._send({"prompt": _normalise(prompt)})
        if response["status"] >= 300:
            raise ApiError(response["status"])
        self.cache[key] = response
        self.remaining_tokens -= response["body"]["usage"]["total_tokens"]
        return {"text": response["body"]["text"], "cached": False}

    def _send(self, request):
        for attempt in range(self.max_retries + 1):
            response = self.transport(request)
            status = response["status"]
            retryable = status == 429 or 500 <= status <= 599
            if not retryable or attempt == self.max_retries:
                return response
            self.sleep(self._delay(response, attempt))

    def _delay(self, response, attempt):
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        value = headers.get("retry-after")
        if value is not None:
            if value.strip().isdigit():
                return int(value) * 1000
            try:
                return max(0, parsedate_to_datetime(value).timestamp() * 1000 - self.now())
            except (TypeError, ValueError):
                pass
        return 500 * 2**attempt
