import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor.js';
import { AppError } from './errors.js';

const Position = z.object({ after: z.string() });

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor({ after: 'acid' }), Position)).toEqual({ after: 'acid' });
  });

  it('refuses a crafted cursor as 400 invalid_cursor naming the parameter, keeping why as the cause', () => {
    const crafted = encodeCursor({ after: 7 });
    const error = (() => {
      try {
        decodeCursor(crafted, Position);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'invalid_cursor',
      status: 400,
      details: { errors: [{ path: 'querystring.cursor', message: 'is invalid' }] },
    });
    expect((error as AppError).cause).toBeInstanceOf(z.ZodError);
  });
});
