// Wrong: remembers each prompt's token cost and charges it again on every cache hit, so popular prompts drain the budget without any API call.
import { createHash } from 'node:crypto';

interface AiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Completion {
  text: string;
  usage: { total_tokens: number };
}

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`completion API answered ${status}`);
  }
}

export class BudgetExceeded extends Error {}

const normalise = (prompt: string) => prompt.trim().replace(/\s+/g, ' ');

export function cacheKey(prompt: string): string {
  return createHash('sha256').update(normalise(prompt)).digest('hex');
}

export class AiClient {
  private readonly cache = new Map<string, Completion>();
  private remaining: number;
  private readonly transport: (request: { prompt: string }) => Promise<AiResponse>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxRetries: number;

  constructor(options: {
    transport: (request: { prompt: string }) => Promise<AiResponse>;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    maxRetries?: number;
    tokenBudget?: number;
  }) {
    this.transport = options.transport;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
    this.now = options.now ?? Date.now;
    this.maxRetries = options.maxRetries ?? 3;
    this.remaining = options.tokenBudget ?? Infinity;
  }

  get remainingTokens(): number {
    return this.remaining;
  }

  async complete(prompt: string): Promise<{ text: string; cached: boolean }> {
    const key = cacheKey(prompt);
    const hit = this.cache.get(key);
    if (hit) {
      this.remaining -= hit.usage.total_tokens;
      return { text: hit.text, cached: true };
    }
    if (this.remaining <= 0) throw new BudgetExceeded();
    for (let attempt = 0; ; attempt++) {
      const response = await this.transport({ prompt: normalise(prompt) });
      if (response.status < 300) {
        const body = response.body as Completion;
        this.cache.set(key, body);
        this.remaining -= body.usage.total_tokens;
        return { text: body.text, cached: false };
      }
      if ((response.status !== 429 && response.status < 500) || attempt >= this.maxRetries) {
        throw new ApiError(response.status);
      }
      const retryAfter = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
      let delay = 500 * 2 ** attempt;
      if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) delay = Number(retryAfter) * 1000;
      else if (retryAfter !== undefined && !Number.isNaN(Date.parse(retryAfter))) {
        delay = Math.max(0, Date.parse(retryAfter) - this.now());
      }
      await this.sleep(delay);
    }
  }
}
