import assert from 'node:assert/strict';

export interface DiscountModule {
  applyDiscount(totalCents: number, code: string | null | undefined): number;
}

type Test = (impl: DiscountModule) => void | Promise<void>;

/** Checks a table of [totalCents, code, expected] rows, naming the failing row. */
function expectPrices(impl: DiscountModule, rows: [number, string | null, number][]): void {
  for (const [total, code, expected] of rows) {
    assert.equal(impl.applyDiscount(total, code), expected, `applyDiscount(${total}, ${JSON.stringify(code)})`);
  }
}

/** Table-driven tests: each rule's boundaries and rounding get rows on, just below and just above them. */
export const tests: Record<string, Test> = {
  'no code means full price': (impl) =>
    expectPrices(impl, [
      [1234, null, 1234],
      [1234, '', 1234],
    ]),

  'SAVE10 rounds its discount half up': (impl) =>
    expectPrices(impl, [
      [1000, 'SAVE10', 900],
      [1994, 'SAVE10', 1795],
      [1995, 'SAVE10', 1795],
      [5, 'SAVE10', 4],
    ]),

  'TENOFF starts at exactly 5000 cents': (impl) =>
    expectPrices(impl, [
      [4999, 'TENOFF', 4999],
      [5000, 'TENOFF', 4000],
      [7500, 'TENOFF', 6500],
    ]),

  'HALFOFF never takes more than 2500 off': (impl) =>
    expectPrices(impl, [
      [3001, 'HALFOFF', 1500],
      [5000, 'HALFOFF', 2500],
      [9000, 'HALFOFF', 6500],
    ]),

  'codes are case-insensitive and trimmed': (impl) =>
    expectPrices(impl, [
      [1000, 'Save10', 900],
      [2000, ' halfoff ', 1000],
    ]),

  'invalid input throws': ({ applyDiscount }) => {
    assert.throws(() => applyDiscount(1000, 'BOGUS'));
    assert.throws(() => applyDiscount(-1, null), RangeError);
    assert.throws(() => applyDiscount(-1, 'TENOFF'), RangeError);
  },
};
