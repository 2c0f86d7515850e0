"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.t = 0

    def __call__(self):
        return self.t


def ids(deliveries):
    return [[d["id"], d["attempt"]] for d in deliveries]


def fan_out(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, now=clock)
    broker.subscribe("room:1", "alice")
    broker.subscribe("room:1", "bob")
    published = [broker.publish("room:1", "hi"), broker.publish("room:1", {"text": "yo", "from": "carol"})]
    return [published, broker.poll("alice", 10), broker.poll("bob", 10)]


def acked_not_redelivered(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, now=clock)
    broker.subscribe("room:1", "alice")
    broker.publish("room:1", "first")
    broker.publish("room:1", "second")
    first = ids(broker.poll("alice", 10))
    acks = [broker.ack("alice", 1), broker.ack("alice", 1)]
    clock.t = 1000
    return [first, acks, broker.poll("alice", 10)]


def redelivers_after_timeout(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, now=clock)
    broker.subscribe("orders", "mailer")
    broker.publish("orders", "order 7 paid")
    seen = []
    for t in [0, 1, 999, 1000, 1500, 1999, 2000]:
        clock.t = t
        seen.append(ids(broker.poll("mailer", 10)))
    return seen


def dead_letters(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, max_attempts=3, now=clock)
    broker.subscribe("jobs", "worker")
    broker.publish("jobs", "resize image 12")
    attempts = []
    for t in [0, 1000, 2000]:
        clock.t = t
        attempts.append(ids(broker.poll("worker", 10)))
    clock.t = 2999
    not_yet = broker.dead_letters("worker")
    clock.t = 3000
    return [attempts, not_yet, broker.poll("worker", 10), broker.dead_letters("worker"), broker.ack("worker", 1)]


def keeps_order(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=500, now=clock)
    broker.subscribe("room:9", "dana")
    for text in ["a", "b", "c"]:
        broker.publish("room:9", text)
    first = ids(broker.poll("dana", 2))
    broker.ack("dana", 2)
    clock.t = 500
    second = broker.poll("dana", 10)
    return [first, [[d["id"], d["message"], d["attempt"]] for d in second]]


def after_subscribe_only(s):
    clock = ManualClock()
    broker = s.Broker(now=clock)
    broker.subscribe("a", "early")
    before = broker.publish("a", "before bob")
    broker.subscribe("a", "bob")
    broker.subscribe("a", "bob")
    broker.subscribe("b", "bob")
    published = [before, broker.publish("a", "x"), broker.publish("b", "y"), broker.publish("c", "nobody listens")]
    return [
        published,
        [[d["id"], d["topic"], d["message"]] for d in broker.poll("bob", 10)],
        [d["id"] for d in broker.poll("early", 10)],
        broker.poll("stranger", 10),
    ]


def independent_acks(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, now=clock)
    broker.subscribe("room:1", "fast")
    broker.subscribe("room:1", "slow")
    broker.publish("room:1", "hello")
    broker.poll("fast", 10)
    broker.poll("slow", 10)
    acked = [broker.ack("fast", 1), broker.ack("slow", 99)]
    clock.t = 1000
    return [acked, ids(broker.poll("fast", 10)), ids(broker.poll("slow", 10))]


def limit_and_in_flight(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, now=clock)
    broker.subscribe("feed", "reader")
    for i in range(1, 6):
        broker.publish("feed", f"post {i}")
    rounds = [broker.poll("reader", 2), broker.poll("reader", 2), broker.poll("reader", 10), broker.poll("reader", 10)]
    return [ids(r) for r in rounds]


def late_ack(s):
    clock = ManualClock()
    broker = s.Broker(ack_timeout_ms=1000, max_attempts=2, now=clock)
    broker.subscribe("billing", "svc")
    broker.publish("billing", "invoice 1")
    broker.publish("billing", "invoice 2")
    broker.poll("svc", 10)
    clock.t = 1200
    late = broker.ack("svc", 1)
    again = ids(broker.poll("svc", 10))
    return [late, broker.ack("svc", 1), again, broker.ack("svc", 3)]


TESTS = {
    "every subscriber gets every message": fan_out,
    "acked messages are not delivered again": acked_not_redelivered,
    "redelivers only after the ack timeout": redelivers_after_timeout,
    "dead-letters after maxAttempts": dead_letters,
    "redelivered messages keep topic order": keeps_order,
    "subscribers get only what was published after they subscribed": after_subscribe_only,
    "each subscriber acks independently": independent_acks,
    "poll respects the limit and skips messages in flight": limit_and_in_flight,
    "a late ack still counts before the next delivery": late_ack,
}
