import { describe, expect, it } from 'vitest';
import { candidateError, joinOutput, MESSAGE_CHARS, OUTPUT_CAP, STACK_CHARS } from './grader.js';

describe('what a grade keeps of an error', () => {
  it('keeps a message of 2,000 characters and cuts one more', () => {
    expect(MESSAGE_CHARS).toBe(2_000);
    expect(candidateError({ message: 'm'.repeat(2_000) }).message).toBe('m'.repeat(2_000));
    expect(candidateError({ message: 'm'.repeat(2_001) }).message).toBe(`${'m'.repeat(2_000)}…`);
  });

  it('keeps a stack of 4,000 characters and cuts one more', () => {
    expect(STACK_CHARS).toBe(4_000);
    expect(candidateError({ stack: 's'.repeat(4_000) }).stack).toBe('s'.repeat(4_000));
    expect(candidateError({ stack: 's'.repeat(4_001) }).stack).toBe(`${'s'.repeat(4_000)}…`);
  });

  it('keeps nothing of a message or stack that is not text', () => {
    expect(candidateError({ message: { toString: 1 }, stack: 7 })).toEqual({ message: '', stack: null });
  });
});

describe('what a grade keeps of printed output', () => {
  it('keeps 8,000 characters however many sandboxes printed them', () => {
    expect(OUTPUT_CAP).toBe(8_000);
    const half = 'o'.repeat(3_999);
    expect(joinOutput(half, half)).toHaveLength(7_999);
    expect(joinOutput(half, `${half}!`)).toHaveLength(8_000);
    expect(joinOutput(joinOutput(half, `${half}!`), 'more')).toBe(`${half}\n${half}!`);
    expect(joinOutput('o'.repeat(8_001))).toBe('o'.repeat(8_000));
  });
});
