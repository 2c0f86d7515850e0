import { createHash } from 'node:crypto';

export interface AiRequest {
  prompt: string;
}

export interface CompletionBody {
  text: string;
  usage: { total_tokens: number };
}

export interface AiResponse {
  status: number;
  headers: Record<string, string>;
  /** A CompletionBody on 2xx; an error payload otherwise. */
  body: unknown;
}

export interface AiClientOptions {
  transport: (request: AiRequest) => Promise<AiResponse>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxRetries?: number;
  tokenBudget?: number;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number) {
    super(`completion API answered ${status}`);
  }
}

export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
  constructor() {
    super('token budget exhausted');
  }
}

const normalise = (prompt: string): string => prompt.trim().replace(/\s+/g, ' ');

export function cacheKey(prompt: string): string {
  return createHash('sha256').update(normalise(prompt), 'utf8').digest('hex');
}

/** HTTP header names are case-insensitive; a plain object's keys are not. */
function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

export class AiClient {
  private readonly transport: AiClientOptions['transport'];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxRetries: number;
  private remaining: number;
  /** Only successful completions are stored: an error must be retried by the next caller. */
  private readonly cache = new Map<string, string>();

  constructor(options: AiClientOptions) {
    this.transport = options.transport;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
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
    if (hit !== undefined) return { text: hit, cached: true }; // free: no budget check, no charge
    if (this.remaining <= 0) throw new BudgetExceeded();

    const request: AiRequest = { prompt: normalise(prompt) };
    for (let attempt = 0; ; attempt++) {
      const response = await this.transport(request);
      if (response.status >= 200 && response.status < 300) {
        const body = response.body as CompletionBody;
        this.remaining -= body.usage.total_tokens;
        this.cache.set(key, body.text);
        return { text: body.text, cached: false };
      }
      const retryable = response.status === 429 || (response.status >= 500 && response.status < 600);
      if (!retryable || attempt >= this.maxRetries) throw new ApiError(response.status);
      await this.sleep(this.retryDelay(response, attempt));
    }
  }

  /** The server knows best when it will recover: Retry-After wins over our own 500 * 2^k backoff. */
  private retryDelay(response: AiResponse, attempt: number): number {
    const value = header(response.headers, 'retry-after')?.trim();
    if (value !== undefined) {
      if (/^\d+$/.test(value)) return Number(value) * 1000;
      const at = Date.parse(value);
      if (!Number.isNaN(at)) return Math.max(0, at - this.now());
    }
    return 500 * 2 ** attempt;
  }
}
