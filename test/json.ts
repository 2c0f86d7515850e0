import type { LightMyRequestResponse } from 'fastify';

/**
 * A response's JSON body typed as `T`: an `app.inject()` response's at once, a `fetch` response's
 * as a promise. `T` is the test's statement of the body's shape, not a check of it — prefer the
 * shared DTO types (src/shared/) so a changed contract breaks the test at compile time.
 */
export function json<T>(response: LightMyRequestResponse): T;
export function json<T>(response: Response): Promise<T>;
export function json<T>(response: LightMyRequestResponse | Response): T | Promise<T> {
  return response.json() as T | Promise<T>;
}
