export class ApiError extends Error {
  /** @param {number} status */
  constructor(status) {
    super(`completion API answered ${status}`);
    this.status = status;
  }
}

export class BudgetExceeded extends Error {}

/** @param {string} prompt @returns {string} lowercase hex SHA-256 of the normalised prompt */
export function cacheKey(prompt) {
  return '';
}

export class AiClient {
  /**
   * @param {{
   *   transport: (request: { prompt: string }) => Promise<{ status: number, headers: Record<string, string>, body: any }>,
   *   sleep?: (ms: number) => Promise<void>,
   *   now?: () => number,
   *   maxRetries?: number,
   *   tokenBudget?: number,
   * }} options
   */
  constructor({ transport, sleep, now, maxRetries = 3, tokenBudget = Infinity }) {}

  get remainingTokens() {
    return Infinity;
  }

  /** @param {string} prompt @returns {Promise<{ text: string, cached: boolean }>} */
  async complete(prompt) {
    throw new Error('not implemented');
  }
}
