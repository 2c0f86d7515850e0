"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal.
Exposition text is returned split into lines, so a missing final newline shows as a missing ''."""


def lines(registry):
    return registry.expose().split("\n")


def outcome(fn):
    """Calls `fn`; reports whether it raised ValueError as the prompt asks."""
    try:
        fn()
        return "accepted"
    except ValueError:
        return "rejected"
    except Exception as error:  # noqa: BLE001
        return f"raised {type(error).__name__}, not ValueError"


def unlabelled_counter(s):
    registry = s.Registry()
    jobs = registry.counter("jobs_processed_total", "Jobs processed by the worker.")
    jobs.inc()
    jobs.inc()
    jobs.inc({}, 3)
    return lines(registry)


def cumulative_buckets(s):
    registry = s.Registry()
    duration = registry.histogram("job_duration_seconds", "Time spent on one job.", [0.1, 0.5, 1])
    for value in [0.0625, 0.25, 2.5, 0.75, 0.25]:
        duration.observe({}, value)
    return lines(registry)


def sorted_series(s):
    registry = s.Registry()
    requests = registry.counter("http_requests_total", "HTTP requests handled.", ["method", "code"])
    requests.inc({"method": "POST", "code": "201"})
    requests.inc({"method": "GET", "code": "404"})
    requests.inc({"method": "GET", "code": "200"}, 2)
    requests.inc({"code": "200", "method": "GET"})
    return lines(registry)


def escaping(s):
    registry = s.Registry()
    files = registry.counter("files_scanned_total", 'Files scanned.\nPath like C:\\data, "quoted".', ["path"])
    files.inc({"path": 'say "hi"'})
    files.inc({"path": "C:\\temp\\new"}, 2)
    files.inc({"path": "line one\nline two"}, 3)
    return lines(registry)


def boundary(s):
    registry = s.Registry()
    size = registry.histogram("payload_size_kib", "Request payload size.", [0.25, 0.5, 1])
    for value in [0.25, 0.5, 1, 0.5]:
        size.observe({}, value)
    return lines(registry)


def labelled_histogram(s):
    registry = s.Registry()
    latency = registry.histogram("http_request_duration_seconds", "Request latency.", [0.1, 1], ["route"])
    latency.observe({"route": "/users"}, 0.0625)
    latency.observe({"route": "/orders"}, 2)
    latency.observe({"route": "/users"}, 0.5)
    return lines(registry)


def registration_order(s):
    empty = s.Registry().expose()
    registry = s.Registry()
    registry.counter("queue_retries_total", "Retried queue messages.")
    registry.histogram("queue_wait_seconds", "Time a message waited.", [1, 10])
    registry.counter("queue_dead_letters_total", "Messages sent to the dead-letter queue.", ["queue"])
    return [empty] + lines(registry)


def negative_increments(s):
    registry = s.Registry()
    sent = registry.counter("emails_sent_total", "Emails sent.", ["provider"])
    seen = [
        outcome(lambda: sent.inc({"provider": "ses"}, 4)),
        outcome(lambda: sent.inc({"provider": "ses"}, -1)),
        outcome(lambda: sent.inc({"provider": "smtp"}, -0.5)),
        outcome(lambda: sent.inc({"provider": "ses"}, 0)),
    ]
    return seen + lines(registry)


def wrong_labels(s):
    registry = s.Registry()
    requests = registry.counter("http_requests_total", "HTTP requests handled.", ["method", "code"])
    latency = registry.histogram("http_request_duration_seconds", "Request latency.", [1], ["route"])
    seen = [
        outcome(lambda: requests.inc({"method": "GET"})),
        outcome(lambda: requests.inc({"method": "GET", "code": "200", "region": "eu"})),
        outcome(lambda: requests.inc({"method": "GET", "status": "200"})),
        outcome(lambda: latency.observe({}, 0.5)),
        outcome(lambda: registry.counter("http_requests_total", "Again.")),
    ]
    return seen + lines(registry)


def number_format(s):
    registry = s.Registry()
    sent = registry.counter("bytes_sent_total", "Bytes sent.")
    sent.inc({}, 1.5)
    sent.inc({}, 1.5)
    ratio = registry.histogram("compression_ratio", "Compression ratio.", [1, 2.5, 10])
    for value in [0.5, 2.5, 4]:
        ratio.observe({}, value)
    return lines(registry)


TESTS = {
    "a counter without labels": unlabelled_counter,
    "histogram buckets are cumulative and end at +Inf": cumulative_buckets,
    "labelled counter series are sorted by label values": sorted_series,
    "label values and help text are escaped": escaping,
    "a value on a bucket boundary falls in that bucket": boundary,
    "labelled histograms keep a full bucket set per series": labelled_histogram,
    "families keep registration order and unused metrics still show": registration_order,
    "counters reject negative increments": negative_increments,
    "wrong label sets and duplicate names are rejected": wrong_labels,
    "numbers are written without a trailing .0": number_format,
}
