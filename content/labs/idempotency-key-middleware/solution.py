import json
import threading
import time
from collections import deque
from typing import Any, Callable, Deque, Dict, Optional

Response = Dict[str, Any]  # {"status": int, "body": Any}


class _Entry:
    __slots__ = ("key", "fingerprint", "response", "stored_at")

    def __init__(self, key: str, fingerprint: str):
        self.key = key
        self.fingerprint = fingerprint
        self.response: Optional[Response] = None  # None while the handler runs
        self.stored_at = 0.0


def _fingerprint(body: Any) -> str:
    """Canonical JSON: sorted keys at every depth, so key order never makes two bodies differ."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"))


class IdempotentHandler:
    def __init__(
        self,
        handler: Callable[[Any], Response],
        ttl_ms: float = 86_400_000,
        now: Optional[Callable[[], float]] = None,
    ):
        self._handler = handler
        self._ttl_ms = ttl_ms
        self._now = now or (lambda: time.time() * 1000)
        self._entries: Dict[str, _Entry] = {}
        self._expiries: Deque[_Entry] = deque()  # stored entries, oldest first
        # Guards the check-and-claim only; it is never held while the handler runs.
        self._lock = threading.Lock()

    def _forget_expired(self) -> None:
        t = self._now()
        while self._expiries and t - self._expiries[0].stored_at >= self._ttl_ms:
            entry = self._expiries.popleft()
            if self._entries.get(entry.key) is entry:
                del self._entries[entry.key]

    def handle(self, key: str, body: Any) -> Response:
        fingerprint = _fingerprint(body)
        with self._lock:
            self._forget_expired()
            existing = self._entries.get(key)
            if existing is not None:
                if existing.response is None:
                    return {"status": 409, "body": {"error": "request_in_progress"}}
                if existing.fingerprint != fingerprint:
                    return {"status": 422, "body": {"error": "idempotency_key_reused"}}
                return existing.response
            entry = self._entries[key] = _Entry(key, fingerprint)
        try:
            response = self._handler(body)
        except BaseException:
            with self._lock:
                del self._entries[key]  # nothing stored: the retry runs the handler again
            raise
        with self._lock:
            entry.response = response
            entry.stored_at = self._now()
            self._expiries.append(entry)
        return response
