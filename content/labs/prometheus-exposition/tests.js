/**
 * Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal.
 * Exposition text is returned split into lines, so a missing final newline shows as a missing ''.
 */

const lines = (registry) => registry.expose().split('\n');

/** Calls `fn`; reports whether it threw an Error as the prompt asks. */
function outcome(fn) {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return error instanceof Error ? 'rejected' : 'threw a non-Error';
  }
}

export default {
  'a counter without labels': ({ Registry }) => {
    const registry = new Registry();
    const jobs = registry.counter('jobs_processed_total', 'Jobs processed by the worker.');
    jobs.inc();
    jobs.inc();
    jobs.inc({}, 3);
    return lines(registry);
  },
  'histogram buckets are cumulative and end at +Inf': ({ Registry }) => {
    const registry = new Registry();
    const duration = registry.histogram('job_duration_seconds', 'Time spent on one job.', [0.1, 0.5, 1]);
    for (const value of [0.0625, 0.25, 2.5, 0.75, 0.25]) duration.observe({}, value);
    return lines(registry);
  },
  'labelled counter series are sorted by label values': ({ Registry }) => {
    const registry = new Registry();
    const requests = registry.counter('http_requests_total', 'HTTP requests handled.', ['method', 'code']);
    requests.inc({ method: 'POST', code: '201' });
    requests.inc({ method: 'GET', code: '404' });
    requests.inc({ method: 'GET', code: '200' }, 2);
    requests.inc({ code: '200', method: 'GET' });
    return lines(registry);
  },
  'label values and help text are escaped': ({ Registry }) => {
    const registry = new Registry();
    const files = registry.counter('files_scanned_total', 'Files scanned.\nPath like C:\\data, "quoted".', ['path']);
    files.inc({ path: 'say "hi"' });
    files.inc({ path: 'C:\\temp\\new' }, 2);
    files.inc({ path: 'line one\nline two' }, 3);
    return lines(registry);
  },
  'a value on a bucket boundary falls in that bucket': ({ Registry }) => {
    const registry = new Registry();
    const size = registry.histogram('payload_size_kib', 'Request payload size.', [0.25, 0.5, 1]);
    for (const value of [0.25, 0.5, 1, 0.5]) size.observe({}, value);
    return lines(registry);
  },
  'labelled histograms keep a full bucket set per series': ({ Registry }) => {
    const registry = new Registry();
    const latency = registry.histogram('http_request_duration_seconds', 'Request latency.', [0.1, 1], ['route']);
    latency.observe({ route: '/users' }, 0.0625);
    latency.observe({ route: '/orders' }, 2);
    latency.observe({ route: '/users' }, 0.5);
    return lines(registry);
  },
  'families keep registration order and unused metrics still show': ({ Registry }) => {
    const empty = new Registry().expose();
    const registry = new Registry();
    registry.counter('queue_retries_total', 'Retried queue messages.');
    registry.histogram('queue_wait_seconds', 'Time a message waited.', [1, 10]);
    registry.counter('queue_dead_letters_total', 'Messages sent to the dead-letter queue.', ['queue']);
    return [empty, ...lines(registry)];
  },
  'counters reject negative increments': ({ Registry }) => {
    const registry = new Registry();
    const sent = registry.counter('emails_sent_total', 'Emails sent.', ['provider']);
    const seen = [
      outcome(() => sent.inc({ provider: 'ses' }, 4)),
      outcome(() => sent.inc({ provider: 'ses' }, -1)),
      outcome(() => sent.inc({ provider: 'smtp' }, -0.5)),
      outcome(() => sent.inc({ provider: 'ses' }, 0)),
    ];
    return [...seen, ...lines(registry)];
  },
  'wrong label sets and duplicate names are rejected': ({ Registry }) => {
    const registry = new Registry();
    const requests = registry.counter('http_requests_total', 'HTTP requests handled.', ['method', 'code']);
    const latency = registry.histogram('http_request_duration_seconds', 'Request latency.', [1], ['route']);
    const seen = [
      outcome(() => requests.inc({ method: 'GET' })),
      outcome(() => requests.inc({ method: 'GET', code: '200', region: 'eu' })),
      outcome(() => requests.inc({ method: 'GET', status: '200' })),
      outcome(() => latency.observe({}, 0.5)),
      outcome(() => registry.counter('http_requests_total', 'Again.')),
    ];
    return [...seen, ...lines(registry)];
  },
  'numbers are written without a trailing .0': ({ Registry }) => {
    const registry = new Registry();
    const bytes = registry.counter('bytes_sent_total', 'Bytes sent.');
    bytes.inc({}, 1.5);
    bytes.inc({}, 1.5);
    const ratio = registry.histogram('compression_ratio', 'Compression ratio.', [1, 2.5, 10]);
    for (const value of [0.5, 2.5, 4]) ratio.observe({}, value);
    return lines(registry);
  },
};
