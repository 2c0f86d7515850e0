import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { invalid } from '../errors.js';

/** Deeper than any body the API accepts; deeper input is refused before anything walks it. */
const MAX_DEPTH = 64;

/**
 * Whether the guard walks into `value`: an object or array, but not a raw body (an uploaded
 * recording), which is bytes, not input to read key by key. `findUnstorableInput` and `isStorable`
 * share it, so they agree on what they check.
 */
function isWalked(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !(value instanceof Uint8Array);
}

/**
 * The first NUL character anywhere in a parsed input (a value or a key), as a field path, or a
 * problem with the input's shape. Iterative, so a maliciously deep body cannot overflow the stack.
 */
export function findUnstorableInput(input: unknown, root: string): { path: string; message: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path, message: 'must not contain NUL characters' };
      continue;
    }
    if (!isWalked(value)) continue;
    if (depth >= MAX_DEPTH) return { path, message: `is nested more than ${MAX_DEPTH} levels deep` };
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return { path, message: 'must not have a key containing NUL characters' };
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** True when `input` holds no NUL and is not too deep: `findUnstorableInput` without allocating. */
function isStorable(input: unknown, depth: number): boolean {
  if (typeof input === 'string') return !input.includes('\u0000');
  if (!isWalked(input)) return true;
  if (depth >= MAX_DEPTH) return false;
  for (const key of Object.keys(input)) {
    if (key.includes('\u0000') || !isStorable((input as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * A backstop under the per-field schemas (which refuse control characters in every free-text
 * field): no string holding NUL — which PostgreSQL cannot store — reaches a handler through the
 * body, query string or path, whatever the route's schema forgot.
 */
async function inputGuardPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', (request, _reply, done) => {
    if (isStorable(request.params, 0) && isStorable(request.query, 0) && isStorable(request.body, 0)) return done();
    const found =
      findUnstorableInput(request.params, 'params') ??
      findUnstorableInput(request.query, 'querystring') ??
      findUnstorableInput(request.body, 'body');
    if (!found) return done();
    done(
      invalid('invalid_request', `Invalid request — ${found.path}: ${found.message}`, { details: { errors: [found] } }),
    );
  });
}

export const inputGuard = fp(inputGuardPlugin, { name: 'onsite-input-guard' });
