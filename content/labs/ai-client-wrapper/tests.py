"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import copy
import hashlib
from datetime import datetime, timezone


def ok(text, tokens):
    return {"status": 200, "headers": {}, "body": {"text": text, "usage": {"total_tokens": tokens}}}


def fail(status, headers=None):
    return {"status": status, "headers": headers or {}, "body": {"error": {"message": f"status {status}"}}}


class FakeTransport:
    """A scripted fake API: answers with `responses` in turn, repeating the last one; records requests."""

    def __init__(self, responses):
        self.responses = responses
        self.requests = []

    def __call__(self, request):
        self.requests.append(copy.deepcopy(request))
        return copy.deepcopy(self.responses[min(len(self.requests), len(self.responses)) - 1])


NOW_MS = int(datetime(2025, 3, 4, 10, 0, 0, tzinfo=timezone.utc).timestamp() * 1000)


class FakeClock:
    """sleep records the delay instead of waiting; now() is fixed."""

    def __init__(self, now_ms=NOW_MS):
        self.sleeps = []
        self.now_ms = now_ms

    def sleep(self, ms):
        self.sleeps.append(ms)

    def now(self):
        return self.now_ms


def settle(fn):
    try:
        return fn(), None
    except Exception as error:  # noqa: BLE001
        return None, error


def kind(mod, error):
    if error is None:
        return "no error"
    if isinstance(error, mod.BudgetExceeded):
        return "BudgetExceeded"
    if isinstance(error, mod.ApiError):
        return f"ApiError {error.status}"
    return f"other error: {error}"


def make_client(s, api, clock, **options):
    return s.AiClient(api, sleep=clock.sleep, now=clock.now, **options)


def text_and_tokens(s):
    api, clock = FakeTransport([ok("Paris", 120)]), FakeClock()
    client = make_client(s, api, clock, token_budget=1000)
    result = client.complete("What is the capital   of France?")
    return [result, client.remaining_tokens, api.requests, clock.sleeps]


def repeated_prompt(s):
    api, clock = FakeTransport([ok("A short summary.", 40), ok("Bonjour", 5)]), FakeClock()
    client = make_client(s, api, clock, token_budget=500)
    prompts = ["Summarise:  the report", "Summarise: the report", "  Summarise:\n\tthe report ", "Say hello in French"]
    results = [client.complete(prompt) for prompt in prompts]
    return [results, len(api.requests), client.remaining_tokens]


def key_is_sha256(s):
    expected = hashlib.sha256("Un café, s'il vous plaît".encode("utf-8")).hexdigest()
    key = s.cache_key("  Un café,\n\ts'il   vous plaît ")
    return [key, key == expected]


def retry_after_seconds(s):
    api = FakeTransport([fail(429, {"retry-after": "3"}), fail(503, {"Retry-After": "2"}), ok("done", 10)])
    clock = FakeClock()
    client = make_client(s, api, clock, max_retries=3)
    result = client.complete("classify this ticket")
    return [result, len(api.requests), clock.sleeps]


def exponential_backoff(s):
    api = FakeTransport([fail(503), fail(500), fail(429), fail(502), ok("finally", 7)])
    clock = FakeClock()
    client = make_client(s, api, clock, max_retries=4)
    result = client.complete("translate to German")
    return [result, len(api.requests), clock.sleeps]


def retry_after_date(s):
    api = FakeTransport([
        fail(503, {"Retry-After": "Tue, 04 Mar 2025 10:00:07 GMT"}),
        fail(429, {"RETRY-AFTER": "Tue, 04 Mar 2025 09:59:00 GMT"}),
        fail(503, {"retry-after": "soon"}),
        ok("ready", 3),
    ])
    clock = FakeClock()
    client = make_client(s, api, clock, max_retries=3)
    result = client.complete("status report")
    return [result, clock.sleeps]


def gives_up(s):
    api, clock = FakeTransport([fail(503)]), FakeClock()
    client = make_client(s, api, clock, max_retries=2, token_budget=50)
    _, first = settle(lambda: client.complete("weekly digest"))
    calls_after_first = len(api.requests)
    _, second = settle(lambda: client.complete("weekly digest"))
    return [kind(s, first), calls_after_first, kind(s, second), len(api.requests), clock.sleeps, client.remaining_tokens]


def client_errors(s):
    api, clock = FakeTransport([fail(400), ok("second time lucky", 9)]), FakeClock()
    client = make_client(s, api, clock, max_retries=3)
    _, first = settle(lambda: client.complete("malformed?"))
    calls_after_first = len(api.requests)
    value, second = settle(lambda: client.complete("malformed?"))
    return [kind(s, first), calls_after_first, clock.sleeps, value if value is not None else kind(s, second), len(api.requests)]


def budget_exhausted(s):
    api, clock = FakeTransport([ok("alpha", 80), ok("beta", 50), ok("gamma", 1)]), FakeClock()
    client = make_client(s, api, clock, token_budget=100)
    seen = []
    client.complete("first question")
    seen.append(client.remaining_tokens)
    client.complete("second question")
    seen.append(client.remaining_tokens)
    _, third = settle(lambda: client.complete("third question"))
    seen += [kind(s, third), len(api.requests)]
    value, again = settle(lambda: client.complete("first question"))
    seen += [value if value is not None else kind(s, again), len(api.requests)]
    broke = make_client(s, api, clock, token_budget=0)
    _, none = settle(lambda: broke.complete("anything"))
    seen += [kind(s, none), len(api.requests)]
    return seen


def cache_hits_free(s):
    api, clock = FakeTransport([ok("cached answer", 60), ok("other answer", 30)]), FakeClock()
    client = make_client(s, api, clock, token_budget=100)
    seen = []
    for _ in range(4):
        client.complete("popular question")
        seen.append(client.remaining_tokens)
    other = client.complete("rare question")
    seen += [other["cached"], client.remaining_tokens, len(api.requests)]
    return seen


TESTS = {
    "returns the text and charges its tokens": text_and_tokens,
    "a repeated prompt is served from the cache": repeated_prompt,
    "cacheKey is the SHA-256 of the normalised prompt": key_is_sha256,
    "honours Retry-After in seconds": retry_after_seconds,
    "retries 429 and 5xx with exponential backoff": exponential_backoff,
    "Retry-After may be an HTTP date": retry_after_date,
    "gives up after maxRetries with ApiError and caches nothing": gives_up,
    "client errors are not retried or cached": client_errors,
    "an exhausted budget refuses new prompts without calling the transport": budget_exhausted,
    "cache hits cost no tokens": cache_hits_free,
}
