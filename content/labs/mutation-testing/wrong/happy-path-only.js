// Wrong: only the happy path of each code is tested, with round numbers far from every boundary, so every mutant survives.
import assert from 'node:assert/strict';

export const tests = {
  'SAVE10 works': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1000, 'SAVE10'), 900);
  },
  'TENOFF works': ({ applyDiscount }) => {
    assert.equal(applyDiscount(6000, 'TENOFF'), 5000);
  },
  'HALFOFF works': ({ applyDiscount }) => {
    assert.equal(applyDiscount(2000, 'HALFOFF'), 1000);
  },
  'no code works': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1000, null), 1000);
  },
};
