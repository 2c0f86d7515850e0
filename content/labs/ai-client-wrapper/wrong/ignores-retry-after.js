// Wrong: always uses its own exponential backoff and ignores the server's Retry-After header, so it retries a rate-limited API too early.
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

export class AiClient {
  #transport;
  #sleep;
  #maxRetries;
  #remaining;
  #cache = new Map();

  constructor({
    transport,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxRetries = 3,
    tokenBudget = Infinity,
  }) {
    this.#transport = transport;
    this.#sleep = sleep;
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

  /** Our own backoff schedule, whatever the server says. */
  #retryDelay(response, attempt) {
    return 500 * 2 ** attempt;
  }
}
