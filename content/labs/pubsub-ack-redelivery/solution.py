import math
import time
from typing import Any, Callable, Optional


class Broker:
    """Per-subscriber queues (fan-out) in message-id order; timeouts are computed from the clock on each call."""

    def __init__(self, ack_timeout_ms: float = 30_000, max_attempts: int = 5,
                 now: Optional[Callable[[], float]] = None):
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.ack_timeout_ms = ack_timeout_ms
        self.max_attempts = max_attempts
        self.now = now or (lambda: time.time() * 1000)
        self._last_id = 0
        self._topics: dict[str, dict[str, None]] = {}  # topic -> subscriber ids (a dict keeps order)
        self._pending: dict[str, dict[int, dict]] = {}  # subscriber -> message id -> entry
        self._dead: dict[str, list[dict]] = {}

    def subscribe(self, topic: str, subscriber_id: str) -> None:
        self._topics.setdefault(topic, {})[subscriber_id] = None
        self._pending.setdefault(subscriber_id, {})
        self._dead.setdefault(subscriber_id, [])

    def publish(self, topic: str, message: Any) -> int:
        self._last_id += 1
        mid = self._last_id
        for subscriber_id in self._topics.get(topic, {}):
            self._pending[subscriber_id][mid] = {
                "id": mid, "topic": topic, "message": message, "attempt": 0, "visible_at": -math.inf,
            }
        return mid

    def poll(self, subscriber_id: str, limit: int = 10) -> list[dict]:
        queue = self._pending.get(subscriber_id)
        if queue is None:
            return []
        now = self.now()
        out = []
        for entry in list(queue.values()):  # a copy: expiring removes entries
            if len(out) >= limit:
                break
            if entry["visible_at"] > now or self._expire(subscriber_id, entry):
                continue
            entry["attempt"] += 1
            entry["visible_at"] = now + self.ack_timeout_ms
            out.append(_public(entry))
        return out

    def ack(self, subscriber_id: str, message_id: int) -> bool:
        entry = self._pending.get(subscriber_id, {}).get(message_id)
        if entry is None or entry["attempt"] == 0:
            return False  # unknown, never delivered or already acked: harmless
        if entry["visible_at"] <= self.now() and self._expire(subscriber_id, entry):
            return False  # its last attempt timed out: it is a dead letter now
        del self._pending[subscriber_id][message_id]
        return True

    def dead_letters(self, subscriber_id: str) -> list[dict]:
        queue = self._pending.get(subscriber_id)
        if queue is None:
            return []
        now = self.now()
        for entry in list(queue.values()):
            if entry["visible_at"] <= now:
                self._expire(subscriber_id, entry)
        return sorted((_public(e) for e in self._dead[subscriber_id]), key=lambda d: d["id"])

    def _expire(self, subscriber_id: str, entry: dict) -> bool:
        if entry["attempt"] < self.max_attempts:
            return False
        del self._pending[subscriber_id][entry["id"]]
        self._dead[subscriber_id].append(entry)
        return True


def _public(entry: dict) -> dict:
    return {"id": entry["id"], "topic": entry["topic"], "message": entry["message"], "attempt": entry["attempt"]}
