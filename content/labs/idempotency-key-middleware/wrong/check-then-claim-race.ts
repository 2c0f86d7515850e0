// Wrong: reads the key and claims it in two separate awaited store calls (like GET then SET in Redis without NX),
// so two duplicates that arrive together both see a free key and both charge the card.
export interface HandlerResponse {
  status: number;
  body: unknown;
}

export type Handler = (body: unknown) => Promise<HandlerResponse>;

export interface IdempotencyOptions {
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  fingerprint: string;
  response: HandlerResponse | null;
  storedAt: number;
}

/** An async key-value store, standing in for Redis. */
class Store {
  private readonly data = new Map<string, Entry>();
  async get(key: string): Promise<Entry | undefined> {
    return this.data.get(key);
  }
  async set(key: string, entry: Entry): Promise<void> {
    this.data.set(key, entry);
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function createIdempotentHandler(handler: Handler, options: IdempotencyOptions = {}) {
  const ttlMs = options.ttlMs ?? 86_400_000;
  const now = options.now ?? Date.now;
  const store = new Store();
  return {
    async handle(key: string, body: unknown): Promise<HandlerResponse> {
      const fingerprint = canonical(body);
      let entry = await store.get(key);
      if (entry && entry.response && now() - entry.storedAt >= ttlMs) {
        await store.delete(key);
        entry = undefined;
      }
      if (entry) {
        if (!entry.response) return { status: 409, body: { error: 'request_in_progress' } };
        if (entry.fingerprint !== fingerprint) return { status: 422, body: { error: 'idempotency_key_reused' } };
        return entry.response;
      }
      const claim: Entry = { fingerprint, response: null, storedAt: 0 };
      await store.set(key, claim);
      try {
        claim.response = await handler(body);
      } catch (error) {
        await store.delete(key);
        throw error;
      }
      claim.storedAt = now();
      return claim.response;
    },
  };
}
