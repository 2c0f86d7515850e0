# Wrong: ignores the ack timeout, so every poll hands out all unacked messages again, even ones still being processed.
import time


class Broker:
    def __init__(self, ack_timeout_ms=30000, max_attempts=5, now=None):
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
            self._pending[sub][self._last_id] = {"id": self._last_id, "topic": topic, "message": message, "attempt": 0}
        return self._last_id

    def poll(self, subscriber_id, limit=10):
        queue = self._pending.get(subscriber_id, {})
        out = []
        for entry in list(queue.values()):
            if len(out) >= limit:
                break
            if entry["attempt"] >= self.max_attempts:
                del queue[entry["id"]]
                self._dead[subscriber_id].append(entry)
                continue
            entry["attempt"] += 1
            out.append(dict(entry))
        return out

    def ack(self, subscriber_id, message_id):
        queue = self._pending.get(subscriber_id, {})
        if message_id in queue and queue[message_id]["attempt"] > 0:
            del queue[message_id]
            return True
        return False

    def dead_letters(self, subscriber_id):
        return sorted((dict(e) for e in self._dead.get(subscriber_id, [])), key=lambda d: d["id"])
