import assert from 'node:assert/strict';

/** Each test receives `impl` and fails by throwing. Call impl.applyDiscount, never your own copy. */
export const tests = {
  'SAVE10 takes ten percent off': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1000, 'SAVE10'), 900);
  },
};
