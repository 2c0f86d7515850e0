// Wrong: when the handler throws, the in-flight claim is never released, so every retry gets 409 forever.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function createIdempotentHandler(handler, { ttlMs = 86_400_000, now = Date.now } = {}) {
  const entries = new Map();
  return {
    async handle(key, body) {
      const fingerprint = canonical(body);
      const existing = entries.get(key);
      if (existing && existing.response && now() - existing.storedAt >= ttlMs) entries.delete(key);
      const entry = entries.get(key);
      if (entry) {
        if (!entry.response) return { status: 409, body: { error: 'request_in_progress' } };
        if (entry.fingerprint !== fingerprint) return { status: 422, body: { error: 'idempotency_key_reused' } };
        return entry.response;
      }
      const claim = { fingerprint, response: null, storedAt: 0 };
      entries.set(key, claim);
      claim.response = await handler(body);
      claim.storedAt = now();
      return claim.response;
    },
  };
}
