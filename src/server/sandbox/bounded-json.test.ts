import { describe, expect, it } from 'vitest';
import { boundedText, boundedValue, MAX_DEPTH, MAX_LINE_BYTES, parseReply } from './bounded-json.js';

/** `levels` arrays nested in one another: `[[…[]…]]`. */
const nested = (levels: number): unknown => {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
};

/** A reply line of exactly `length` characters. */
const lineOf = (length: number): string => {
  const frame = JSON.stringify({ t: 'result', value: '' });
  return JSON.stringify({ t: 'result', value: 'x'.repeat(length - frame.length) });
};

describe('reading a sandbox reply', () => {
  it('reads a line of 2 MB and refuses one character more', () => {
    expect(MAX_LINE_BYTES).toBe(2 * 1024 * 1024);
    expect(parseReply(lineOf(MAX_LINE_BYTES))?.t).toBe('result');
    expect(parseReply(lineOf(MAX_LINE_BYTES + 1))).toBeNull();
  });

  it('reads a value nested 64 levels and refuses 65', () => {
    expect(MAX_DEPTH).toBe(64);
    expect(parseReply(JSON.stringify({ t: 'result', value: nested(64) }))?.value).toEqual(nested(64));
    expect(parseReply(JSON.stringify({ t: 'result', value: nested(65) }))).toBeNull();
  });

  it('refuses 200,000 levels without recursing', () => {
    const line = `{"t":"result","value":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(parseReply(line)).toBeNull();
  });
});

describe('cutting what is kept', () => {
  it('keeps text of the limit whole and cuts one character more', () => {
    expect(boundedText('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(boundedText('x'.repeat(11), 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('keeps a value whose JSON is the limit and previews one character more', () => {
    expect(boundedValue('x'.repeat(8), 10)).toBe('x'.repeat(8));
    expect(boundedValue('x'.repeat(9), 10)).toBe(`(too large to show) "${'x'.repeat(9)}…`);
  });
});
