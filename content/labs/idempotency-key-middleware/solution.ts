export interface HandlerResponse {
  status: number;
  body: unknown;
}

export type Handler = (body: unknown) => Promise<HandlerResponse>;

export interface IdempotencyOptions {
  ttlMs?: number;
  /** Current time in milliseconds. */
  now?: () => number;
}

export interface IdempotentHandler {
  handle(key: string, body: unknown): Promise<HandlerResponse>;
}

interface Entry {
  key: string;
  fingerprint: string;
  /** null while the handler is still running for this key. */
  response: HandlerResponse | null;
  storedAt: number;
}

const IN_PROGRESS: HandlerResponse = { status: 409, body: { error: 'request_in_progress' } };
const KEY_REUSED: HandlerResponse = { status: 422, body: { error: 'idempotency_key_reused' } };

/** JSON with object keys sorted at every depth, so key order never makes two bodies differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function createIdempotentHandler(handler: Handler, options: IdempotencyOptions = {}): IdempotentHandler {
  const ttlMs = options.ttlMs ?? 86_400_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Stored entries in the order they were stored, which is also the order they expire in.
  let expiries: Entry[] = [];
  let head = 0;

  function forgetExpired(): void {
    const t = now();
    while (head < expiries.length && t - expiries[head].storedAt >= ttlMs) {
      const entry = expiries[head++];
      if (entries.get(entry.key) === entry) entries.delete(entry.key);
    }
    if (head > 1000 && head * 2 > expiries.length) {
      expiries = expiries.slice(head);
      head = 0;
    }
  }

  return {
    async handle(key: string, body: unknown): Promise<HandlerResponse> {
      forgetExpired();
      const fingerprint = canonical(body);
      const existing = entries.get(key);
      if (existing) {
        if (existing.response === null) return IN_PROGRESS;
        return existing.fingerprint === fingerprint ? existing.response : KEY_REUSED;
      }
      // The claim happens synchronously, before any await, so a concurrent duplicate sees it.
      const entry: Entry = { key, fingerprint, response: null, storedAt: 0 };
      entries.set(key, entry);
      let response: HandlerResponse;
      try {
        response = await handler(body);
      } catch (error) {
        entries.delete(key); // errors are not stored: the retry must be able to succeed
        throw error;
      }
      entry.response = response;
      entry.storedAt = now();
      expiries.push(entry);
      return response;
    },
  };
}
