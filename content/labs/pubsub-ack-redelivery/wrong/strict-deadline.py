# Wrong: off by one at the deadline: a delivery made at t only times out once now > t + ack_timeout_ms, a millisecond late.
import time


class Broker:
    def __init__(self, ack_timeout_ms=30000, max_attempts=5, now=None):
        self.ack_timeout_ms = ack_timeout_ms
        self.max_attempts = max_attempts
        self.now = now or (lambda: time.time() * 1000)
        self._last_id = 0
        self._topics = {}
        self._pending = {}
        self._dead = {}

    def subscribe(self, topic, subscriber_id):
        self._topics.setdefault(topic, {})[subscriber_id] = None
        self._pending.setdefault(subscriber_id, {})
        self._dead.setdefault(subscriber_id, [])

    def publish(self, topic, message):
        self._last_id += 1
        for sub in self._topics.get(topic, {}):
            self._pending[sub][self._last_id] = {
                "id": self._last_id, "topic": topic, "message": message, "attempt": 0, "due": None,
            }
        return self._last_id

    def _timed_out(self, entry, now):
        return entry["due"] is None or now > entry["due"]

    def poll(self, subscriber_id, limit=10):
        queue = self._pending.get(subscriber_id, {})
        now = self.now()
        out = []
        for entry in list(queue.values()):
            if len(out) >= limit:
                break
            if not self._timed_out(entry, now):
                continue
            if entry["attempt"] >= self.max_attempts:
                del queue[entry["id"]]
                self._dead[subscriber_id].append(entry)
                continue
            entry["attempt"] += 1
            entry["due"] = now + self.ack_timeout_ms
            out.append({k: entry[k] for k in ("id", "topic", "message", "attempt")})
        return out

    def ack(self, subscriber_id, message_id):
        queue = self._pending.get(subscriber_id, {})
        if message_id in queue and queue[message_id]["attempt"] > 0:
            del queue[message_id]
            return True
        return False

    def dead_letters(self, subscriber_id):
        return sorted(
            ({k: e[k] for k in ("id", "topic", "message", "attempt")} for e in self._dead.get(subscriber_id, [])),
            key=lambda d: d["id"],
        )
