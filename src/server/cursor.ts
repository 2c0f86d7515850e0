import type { z } from 'zod';
import { invalid } from './errors.js';

/** A 400 `invalid_cursor` naming the `cursor` parameter, keeping why it did not read as its `cause`. */
export const invalidCursor = (cause?: unknown) =>
  invalid('invalid_cursor', 'The cursor is not valid for this query; start again without it.', {
    details: { errors: [{ path: 'querystring.cursor', message: 'is invalid' }] },
    cause,
  });

/** An opaque page cursor: the position as JSON, base64url-encoded. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Reads a cursor back, validating every field with `shape`, so a crafted cursor (wrong types, a
 * non-UUID id, a date that does not parse) is a 400 `invalid_cursor` and never reaches SQL.
 */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.output<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = shape.safeParse(parsed);
  if (!result.success) throw invalidCursor(result.error);
  return result.data;
}
