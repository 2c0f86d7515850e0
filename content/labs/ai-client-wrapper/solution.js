import { createHash } from 'node:crypto';

export class ApiError extends Error {
  constructor(status, message = `completion API answered ${status}`) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export class BudgetExceeded extends Error {
  constructor(message = 'token budget exhausted') {
    super(message);
    this.name = 'BudgetExceeded';
  }
}

const normalise = (prompt) => prompt.trim().replace(/\s+/g, ' ');

/** Hex SHA-256 of the normalised prompt: equivalent prompts share one cache entry. */
export function cacheKey(prompt) {
  return createHash('sha256').update(normalise(prompt), 'utf8').digest('hex');
}

const isRetryable = (status) => status === 429 || (status >= 500 && status <= 599);

/** Header names are case-insensitive in HTTP; a plain object does not know that. */
function header(headers, name) {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return String(value);
  }
  return undefined;
}

export class AiClient {
  #transport;
  #sleep;
  #now;
  #maxRetries;
  #remaining;
  #cache = new Map();

  constructor({
    transport,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now = Date.now,
    maxRetries = 3,
    tokenBudget = Infinity,
  }) {
    this.#transport = transport;
    this.#sleep = sleep;
    this.#now = now;
    this.#maxRetries = maxRetries;
    this.#remaining = tokenBudget;
  }

  get remainingTokens() {
    return this.#remaining;
  }

  async complete(prompt) {
    const key = cacheKey(prompt);
    // The cache comes first: a hit is free, so it is served even with the budget spent.
    const hit = this.#cache.get(key);
    if (hit !== undefined) return { text: hit, cached: true };
    if (this.#remaining <= 0) throw new BudgetExceeded();

    const request = { prompt: normalise(prompt) };
    for (let attempt = 0; ; attempt++) {
      const response = await this.#transport(request);
      if (response.status >= 200 && response.status <= 299) {
        this.#remaining -= response.body.usage.total_tokens;
        this.#cache.set(key, response.body.text);
        return { text: response.body.text, cached: false };
      }
      if (!isRetryable(response.status) || attempt >= this.#maxRetries) throw new ApiError(response.status);
      await this.#sleep(this.#retryDelay(response, attempt));
    }
  }

  /** Retry-After (seconds or an HTTP date) when the server sent a usable one, else 500 * 2^k ms. */
  #retryDelay(response, attempt) {
    const value = header(response.headers, 'retry-after')?.trim();
    if (value !== undefined) {
      if (/^\d+$/.test(value)) return Number(value) * 1000;
      const date = Date.parse(value);
      if (!Number.isNaN(date)) return Math.max(0, date - this.#now());
    }
    return 500 * 2 ** attempt;
  }
}
