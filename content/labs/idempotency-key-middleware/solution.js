const IN_PROGRESS = { status: 409, body: { error: 'request_in_progress' } };
const KEY_REUSED = { status: 422, body: { error: 'idempotency_key_reused' } };

/** JSON with object keys sorted at every depth, so `{a, b}` and `{b, a}` give the same text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function createIdempotentHandler(handler, { ttlMs = 86_400_000, now = Date.now } = {}) {
  /** key -> { key, fingerprint, response (null while in flight), storedAt } */
  const entries = new Map();
  /** Stored entries in the order they were stored, hence in expiry order. */
  const expiries = [];
  let head = 0;

  /** Drops every expired entry; each entry is queued and dropped once, so this is O(1) amortised. */
  function forgetExpired() {
    const t = now();
    while (head < expiries.length && t - expiries[head].storedAt >= ttlMs) {
      const entry = expiries[head++];
      if (entries.get(entry.key) === entry) entries.delete(entry.key);
    }
    if (head > 1000 && head * 2 > expiries.length) {
      expiries.splice(0, head);
      head = 0;
    }
  }

  return {
    async handle(key, body) {
      forgetExpired();
      const fingerprint = canonical(body);
      const existing = entries.get(key);
      if (existing) {
        if (existing.response === null) return IN_PROGRESS;
        return existing.fingerprint === fingerprint ? existing.response : KEY_REUSED;
      }
      // Claim the key before the first `await`: a duplicate started meanwhile must see the claim.
      const entry = { key, fingerprint, response: null, storedAt: 0 };
      entries.set(key, entry);
      let response;
      try {
        response = await handler(body);
      } catch (error) {
        entries.delete(key); // nothing stored: the client's retry runs the handler again
        throw error;
      }
      entry.response = response;
      entry.storedAt = now();
      expiries.push(entry);
      return response;
    },
  };
}
