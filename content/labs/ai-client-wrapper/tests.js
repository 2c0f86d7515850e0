/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

const ok = (text, tokens) => ({ status: 200, headers: {}, body: { text, usage: { total_tokens: tokens } } });
const fail = (status, headers = {}) => ({ status, headers, body: { error: { message: `status ${status}` } } });

/** A scripted fake API: answers with `responses` in turn, repeating the last one; records requests. */
function fakeTransport(responses) {
  const fake = { requests: [] };
  fake.transport = async (request) => {
    fake.requests.push(structuredClone(request));
    return structuredClone(responses[Math.min(fake.requests.length - 1, responses.length - 1)]);
  };
  return fake;
}

/** A fake clock: sleep records the delay and resolves at once; now() is fixed. */
function fakeClock(nowMs = Date.UTC(2025, 2, 4, 10, 0, 0)) {
  const clock = { sleeps: [], now: () => nowMs };
  clock.sleep = async (ms) => {
    clock.sleeps.push(ms);
  };
  return clock;
}

async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** The exported error class the error is an instance of, by name. */
function kind(mod, error) {
  if (error === undefined) return 'no error';
  if (error instanceof mod.BudgetExceeded) return 'BudgetExceeded';
  if (error instanceof mod.ApiError) return `ApiError ${error.status}`;
  return `other error: ${error?.message ?? error}`;
}

export default {
  'returns the text and charges its tokens': async ({ AiClient }) => {
    const api = fakeTransport([ok('Paris', 120)]);
    const clock = fakeClock();
    const client = new AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, tokenBudget: 1000 });
    const result = await client.complete('What is the capital   of France?');
    return [result, client.remainingTokens, api.requests, clock.sleeps];
  },
  'a repeated prompt is served from the cache': async ({ AiClient }) => {
    const api = fakeTransport([ok('A short summary.', 40), ok('Bonjour', 5)]);
    const clock = fakeClock();
    const client = new AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, tokenBudget: 500 });
    const results = [];
    for (const prompt of [
      'Summarise:  the report',
      'Summarise: the report',
      '  Summarise:\n\tthe report ',
      'Say hello in French',
    ]) {
      results.push(await client.complete(prompt));
    }
    return [results, api.requests.length, client.remainingTokens];
  },
  'cacheKey is the SHA-256 of the normalised prompt': async ({ cacheKey }) => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update("Un café, s'il vous plaît", 'utf8').digest('hex');
    const key = cacheKey("  Un café,\n\ts'il   vous plaît ");
    return [key, key === expected];
  },
  'honours Retry-After in seconds': async ({ AiClient }) => {
    const api = fakeTransport([fail(429, { 'retry-after': '3' }), fail(503, { 'Retry-After': '2' }), ok('done', 10)]);
    const clock = fakeClock();
    const client = new AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, maxRetries: 3 });
    const result = await client.complete('classify this ticket');
    return [result, api.requests.length, clock.sleeps];
  },
  'retries 429 and 5xx with exponential backoff': async ({ AiClient }) => {
    const api = fakeTransport([fail(503), fail(500), fail(429), fail(502), ok('finally', 7)]);
    const clock = fakeClock();
    const client = new AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, maxRetries: 4 });
    const result = await client.complete('translate to German');
    return [result, api.requests.length, clock.sleeps];
  },
  'Retry-After may be an HTTP date': async ({ AiClient }) => {
    const api = fakeTransport([
      fail(503, { 'Retry-After': 'Tue, 04 Mar 2025 10:00:07 GMT' }),
      fail(429, { 'RETRY-AFTER': 'Tue, 04 Mar 2025 09:59:00 GMT' }),
      fail(503, { 'retry-after': 'soon' }),
      ok('ready', 3),
    ]);
    const clock = fakeClock(Date.UTC(2025, 2, 4, 10, 0, 0));
    const client = new AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, maxRetries: 3 });
    const result = await client.complete('status report');
    return [result, clock.sleeps];
  },
  'gives up after maxRetries with ApiError and caches nothing': async (mod) => {
    const api = fakeTransport([fail(503)]);
    const clock = fakeClock();
    const client = new mod.AiClient({
      transport: api.transport,
      sleep: clock.sleep,
      now: clock.now,
      maxRetries: 2,
      tokenBudget: 50,
    });
    const first = await settle(client.complete('weekly digest'));
    const callsAfterFirst = api.requests.length;
    const second = await settle(client.complete('weekly digest'));
    return [
      kind(mod, first.error),
      callsAfterFirst,
      kind(mod, second.error),
      api.requests.length,
      clock.sleeps,
      client.remainingTokens,
    ];
  },
  'client errors are not retried or cached': async (mod) => {
    const api = fakeTransport([fail(400), ok('second time lucky', 9)]);
    const clock = fakeClock();
    const client = new mod.AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, maxRetries: 3 });
    const first = await settle(client.complete('malformed?'));
    const callsAfterFirst = api.requests.length;
    const second = await settle(client.complete('malformed?'));
    return [
      kind(mod, first.error),
      callsAfterFirst,
      clock.sleeps,
      second.value ?? kind(mod, second.error),
      api.requests.length,
    ];
  },
  'an exhausted budget refuses new prompts without calling the transport': async (mod) => {
    const api = fakeTransport([ok('alpha', 80), ok('beta', 50), ok('gamma', 1)]);
    const clock = fakeClock();
    const client = new mod.AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, tokenBudget: 100 });
    const seen = [];
    await client.complete('first question');
    seen.push(client.remainingTokens);
    await client.complete('second question');
    seen.push(client.remainingTokens);
    const third = await settle(client.complete('third question'));
    seen.push(kind(mod, third.error), api.requests.length);
    const again = await settle(client.complete('first question'));
    seen.push(again.value ?? kind(mod, again.error), api.requests.length);
    const broke = new mod.AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, tokenBudget: 0 });
    const none = await settle(broke.complete('anything'));
    seen.push(kind(mod, none.error), api.requests.length);
    return seen;
  },
  'cache hits cost no tokens': async ({ AiClient }) => {
    const api = fakeTransport([ok('cached answer', 60), ok('other answer', 30)]);
    const clock = fakeClock();
    const client = new AiClient({ transport: api.transport, sleep: clock.sleep, now: clock.now, tokenBudget: 100 });
    const seen = [];
    for (let i = 0; i < 4; i++) {
      await client.complete('popular question');
      seen.push(client.remainingTokens);
    }
    const other = await client.complete('rare question');
    seen.push(other.cached, client.remainingTokens, api.requests.length);
    return seen;
  },
};
