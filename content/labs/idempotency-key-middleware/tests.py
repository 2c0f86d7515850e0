"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import threading


class Clock:
    """A hand-driven clock in milliseconds: tests set `t` and pass the clock itself as `now`."""

    def __init__(self):
        self.t = 0

    def __call__(self):
        return self.t


class Payments:
    """A fake payment endpoint that counts how often it really runs.

    Each run creates payment `pay_<n>`, so a replayed response still names the first run's payment.
    `gate`, if given, is an event every run waits for (at most a second); `fail_first` makes run 1 raise.
    """

    def __init__(self, gate=None, fail_first=False):
        self.calls = 0
        self.entered = threading.Event()
        self.gate = gate
        self.fail_first = fail_first

    def handler(self, body):
        self.calls += 1
        n = self.calls
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(1)
        if self.fail_first and n == 1:
            raise TimeoutError("card network timed out")
        return {"status": 201, "body": {"payment": f"pay_{n}", "amount": body["amount"]}}


BODY = {"amount": 100, "currency": "EUR"}


def payment_of(response):
    return response.get("body", {}).get("payment") if isinstance(response, dict) else None


def replays(s):
    clock = Clock()
    payments = Payments()
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    first = idem.handle("key-1", BODY)
    clock.t = 1000
    second = idem.handle("key-1", {"amount": 100, "currency": "EUR"})
    return [first, second, payments.calls]


def separate_keys(s):
    clock = Clock()
    payments = Payments()
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    a = idem.handle("key-a", BODY)
    b = idem.handle("key-b", BODY)
    again = idem.handle("key-a", BODY)
    return [payment_of(a), payment_of(b), payment_of(again), payments.calls]


def reused_key(s):
    clock = Clock()
    payments = Payments()
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    idem.handle("key-1", {"amount": 100, "currency": "EUR"})
    conflict = idem.handle("key-1", {"amount": 250, "currency": "EUR"})
    original = idem.handle("key-1", {"amount": 100, "currency": "EUR"})
    return [conflict, payment_of(original), payments.calls]


def key_order(s):
    clock = Clock()
    payments = Payments()
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    idem.handle("key-1", {"amount": 100, "currency": "EUR", "card": {"last4": "4242", "brand": "visa"}})
    reordered = idem.handle("key-1", {"card": {"brand": "visa", "last4": "4242"}, "currency": "EUR", "amount": 100})
    other_card = idem.handle("key-1", {"amount": 100, "currency": "EUR", "card": {"last4": "0005", "brand": "visa"}})
    return [reordered["status"], payment_of(reordered), other_card["status"], payments.calls]


def in_flight(s):
    clock = Clock()
    gate = threading.Event()
    payments = Payments(gate=gate)
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    results = {}
    # The first request runs in another thread and stays inside the handler until the gate opens.
    worker = threading.Thread(target=lambda: results.update(first=idem.handle("key-1", BODY)))
    worker.start()
    payments.entered.wait(1)
    second = idem.handle("key-1", BODY)
    gate.set()
    worker.join(2)
    third = idem.handle("key-1", BODY)
    first = results.get("first") or {}
    return [second, first.get("status"), payment_of(third), payments.calls]


def failure_not_stored(s):
    clock = Clock()
    payments = Payments(fail_first=True)
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    try:
        first = idem.handle("key-1", BODY)
    except Exception:
        first = "threw"
    retry = idem.handle("key-1", BODY)
    repeat = idem.handle("key-1", BODY)
    return [first, payment_of(retry), payment_of(repeat), payments.calls]


def expiry(s):
    clock = Clock()
    payments = Payments()
    idem = s.IdempotentHandler(payments.handler, ttl_ms=60_000, now=clock)
    idem.handle("key-1", {"amount": 100})
    clock.t = 59_999
    conflict = idem.handle("key-1", {"amount": 300})
    replay = idem.handle("key-1", {"amount": 100})
    clock.t = 60_001
    fresh = idem.handle("key-1", {"amount": 300})
    clock.t = 60_002
    fresh_replay = idem.handle("key-1", {"amount": 300})
    return [
        conflict["status"],
        payment_of(replay),
        fresh["status"],
        payment_of(fresh),
        payment_of(fresh_replay),
        payments.calls,
    ]


TESTS = {
    "a repeat with the same key replays the first response": replays,
    "different keys run the payment separately": separate_keys,
    "reusing a key with a different body is rejected": reused_key,
    "key order in the body does not matter": key_order,
    "a duplicate while the first is still running gets 409": in_flight,
    "a failed attempt is not stored so the retry runs": failure_not_stored,
    "keys expire after the ttl": expiry,
}
