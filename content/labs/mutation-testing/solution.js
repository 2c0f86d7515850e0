import assert from 'node:assert/strict';

/**
 * One test per rule, and for every threshold a value exactly on it plus one on each side: that is
 * what pins down the boundaries and rounding that a happy-path test leaves loose.
 */
export const tests = {
  'no code or a blank code charges the full total': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1234, null), 1234);
    assert.equal(applyDiscount(1234, undefined), 1234);
    assert.equal(applyDiscount(1234, '   '), 1234);
  },

  'SAVE10 takes ten percent off': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1000, 'SAVE10'), 900);
    assert.equal(applyDiscount(0, 'SAVE10'), 0);
  },

  'SAVE10 rounds the discount to the nearest cent, half a cent up': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1994, 'SAVE10'), 1795); // 199.4 -> 199 off
    assert.equal(applyDiscount(1995, 'SAVE10'), 1795); // 199.5 -> 200 off
    assert.equal(applyDiscount(1996, 'SAVE10'), 1796); // 199.6 -> 200 off
  },

  'TENOFF applies from exactly 5000 cents': ({ applyDiscount }) => {
    assert.equal(applyDiscount(4999, 'TENOFF'), 4999);
    assert.equal(applyDiscount(5000, 'TENOFF'), 4000);
    assert.equal(applyDiscount(5001, 'TENOFF'), 4001);
  },

  'HALFOFF halves small carts and caps the discount at 2500': ({ applyDiscount }) => {
    assert.equal(applyDiscount(2001, 'HALFOFF'), 1000); // 1000.5 -> 1001 off
    assert.equal(applyDiscount(5000, 'HALFOFF'), 2500); // exactly at the cap
    assert.equal(applyDiscount(5002, 'HALFOFF'), 2502); // the cap applies
    assert.equal(applyDiscount(20000, 'HALFOFF'), 17500);
  },

  'codes ignore case and surrounding spaces': ({ applyDiscount }) => {
    assert.equal(applyDiscount(1000, 'save10'), 900);
    assert.equal(applyDiscount(6000, '  TenOff '), 5000);
  },

  'an unknown code is an error, not a silent full price': ({ applyDiscount }) => {
    assert.throws(() => applyDiscount(1000, 'SAVE100'), Error);
    assert.throws(() => applyDiscount(1000, 'FREESHIP'), Error);
  },

  'a negative or fractional total is rejected': ({ applyDiscount }) => {
    assert.throws(() => applyDiscount(-1, null), RangeError);
    assert.throws(() => applyDiscount(-500, 'SAVE10'), RangeError);
    assert.throws(() => applyDiscount(10.5, null), RangeError);
  },
};
