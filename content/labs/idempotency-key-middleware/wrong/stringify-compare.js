// Wrong: compares bodies with plain JSON.stringify, so the same payment with its keys in another order is rejected as a conflict.
export function createIdempotentHandler(handler, { ttlMs = 86_400_000, now = Date.now } = {}) {
  const entries = new Map();
  return {
    async handle(key, body) {
      const fingerprint = JSON.stringify(body);
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
      try {
        claim.response = await handler(body);
      } catch (error) {
        entries.delete(key);
        throw error;
      }
      claim.storedAt = now();
      return claim.response;
    },
  };
}
