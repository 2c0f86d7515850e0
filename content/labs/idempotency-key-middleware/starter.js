/**
 * @typedef {{ status: number, body: unknown }} HandlerResponse
 * @param {(body: unknown) => Promise<HandlerResponse>} handler
 * @param {{ ttlMs?: number, now?: () => number }} [options]
 */
export function createIdempotentHandler(handler, { ttlMs = 86_400_000, now = Date.now } = {}) {
  return {
    /** @param {string} key @param {unknown} body @returns {Promise<HandlerResponse>} */
    async handle(key, body) {
      return handler(body);
    },
  };
}
