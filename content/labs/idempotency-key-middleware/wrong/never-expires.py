# Wrong: stored responses never expire, so a key reused a day later with a new payment is still rejected (and memory grows forever).
import json
import threading


class IdempotentHandler:
    def __init__(self, handler, ttl_ms=86_400_000, now=None):
        self.handler = handler
        self.entries = {}
        self.lock = threading.Lock()

    def handle(self, key, body):
        fingerprint = json.dumps(body, sort_keys=True)
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                if entry["response"] is None:
                    return {"status": 409, "body": {"error": "request_in_progress"}}
                if entry["fingerprint"] != fingerprint:
                    return {"status": 422, "body": {"error": "idempotency_key_reused"}}
                return entry["response"]
            entry = self.entries[key] = {"fingerprint": fingerprint, "response": None}
        try:
            response = self.handler(body)
        except Exception:
            with self.lock:
                del self.entries[key]
            raise
        entry["response"] = response
        return response
