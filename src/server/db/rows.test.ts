import { describe, expect, it } from 'vitest';
import { returnedRow } from './rows.js';

describe('returnedRow', () => {
  it('is the row a write returned', () => {
    expect(returnedRow([{ id: 'a' }], 'users')).toEqual({ id: 'a' });
  });

  it('throws, naming the table, when the write returned no row', () => {
    expect(() => returnedRow([], 'lab_submissions')).toThrow(
      'The database returned no row from a write to lab_submissions.',
    );
  });
});
