import { describe, expect, it } from 'vitest';
import { findUnstorableInput } from './input-guard.js';

/** `value` wrapped in `levels` objects: `{ a: { a: … value } }`. */
function nested(levels: number, value: unknown): unknown {
  let input = value;
  for (let i = 0; i < levels; i++) input = { a: input };
  return input;
}

describe('findUnstorableInput', () => {
  it('names the path of a NUL in a value or a key', () => {
    expect(findUnstorableInput({ note: 'a\u0000b' }, 'body')).toEqual({
      path: 'body.note',
      message: 'must not contain NUL characters',
    });
    expect(findUnstorableInput({ ['k\u0000']: 'x' }, 'body')).toEqual({
      path: 'body',
      message: 'must not have a key containing NUL characters',
    });
  });

  it('refuses input nested past the limit', () => {
    expect(findUnstorableInput(nested(65, 'x'), 'body')?.message).toBe('is nested more than 64 levels deep');
  });

  it('does not walk raw bytes, wherever they sit, as the guard itself does not', () => {
    expect(findUnstorableInput(new Uint8Array([0, 1, 2]), 'body')).toBeNull();
    expect(findUnstorableInput(nested(64, new Uint8Array([0])), 'body')).toBeNull();
  });
});
