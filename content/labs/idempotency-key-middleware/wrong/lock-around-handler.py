# Wrong: holds one lock while the handler runs, so a duplicate waits for the first payment instead of
# getting 409 at once, and every other key waits behind a slow payment too.
import json
import threading
import time


class IdempotentHandler:
    def __init__(self, handler, ttl_ms=86_400_000, now=None):
        self.handler = handler
        self.ttl_ms = ttl_ms
        self.now = now or (lambda: time.time() * 1000)
        self.entries = {}
        self.lock = threading.Lock()

    def handle(self, key, body):
        fingerprint = json.dumps(body, sort_keys=True)
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and self.now() - entry["stored_at"] < self.ttl_ms:
                if entry["fingerprint"] != fingerprint:
                    return {"status": 422, "body": {"error": "idempotency_key_reused"}}
                return entry["response"]
            response = self.handler(body)
            self.entries[key] = {"fingerprint": fingerprint, "response": response, "stored_at": self.now()}
            return response
