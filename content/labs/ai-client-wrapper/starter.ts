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
  constructor(readonly status: number) {
    super(`completion API answered ${status}`);
  }
}

export class BudgetExceeded extends Error {}

export function cacheKey(prompt: string): string {
  return '';
}

export class AiClient {
  constructor(options: AiClientOptions) {}

  get remainingTokens(): number {
    return Infinity;
  }

  async complete(prompt: string): Promise<{ text: string; cached: boolean }> {
    throw new Error('not implemented');
  }
}
