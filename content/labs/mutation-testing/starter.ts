import assert from 'node:assert/strict';

export interface DiscountModule {
  applyDiscount(totalCents: number, code: string | null | undefined): number;
}

/** Each test receives `impl` and fails by throwing. Call impl.applyDiscount, never your own copy. */
export const tests: Record<string, (impl: DiscountModule) => void | Promise<void>> = {
  'SAVE10 takes ten percent off': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1000, 'SAVE10'), 900);
  },
};
