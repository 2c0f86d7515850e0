import { describe, expect, it } from 'vitest';
import { LabTestSpec } from '../../shared/labs.js';
import { toResult } from './verdicts.js';

const test = LabTestSpec.parse({ name: 'returns the value', visible: true, expect: 'never' });
const returning = (actual: unknown) =>
  toResult(
    test,
    'javascript',
    { verdict: 'passed', timeMs: 1, message: null, actual, stack: null, fromTest: true },
    false,
    '',
  );

describe('the actual value a stored result keeps', () => {
  it('is the value when its JSON is 4,000 characters, a preview at one more', () => {
    const fits = 'v'.repeat(4_000 - 2);
    expect(JSON.stringify(fits)).toHaveLength(4_000);
    expect(returning(fits).actual).toBe(fits);
    expect(returning(`${fits}v`).actual).toBe(`(too large to show) "${fits}v…`);
  });

  it('is a preview of a value whose JSON cannot be written', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(returning(cycle).actual).toBe('(too large to show) (a value that cannot be shown)');
  });
});
