/**
 * Mutation testing of the candidate's suite. The candidate exports `tests` (name -> fn(impl)); each
 * lab test below runs that whole suite against one implementation of applyDiscount and reports
 * whether it all passed or, for a mutant, whether the suite killed it.
 */

/**
 * The correct applyDiscount, or a mutant of it when one flag is set. Each flag plants one bug.
 * @param {Partial<Record<'strictMinimum' | 'floorSave10' | 'noCap' | 'caseSensitive' | 'ignoreUnknown' | 'allowNegative', boolean>>} bug
 */
function makeApplyDiscount(bug = {}) {
  return function applyDiscount(totalCents, code) {
    if (!Number.isInteger(totalCents) || (!bug.allowNegative && totalCents < 0)) {
      throw new RangeError('totalCents must be a non-negative integer');
    }
    if (code === null || code === undefined || code.trim() === '') return totalCents;
    const normalised = bug.caseSensitive ? code.trim() : code.trim().toUpperCase();
    switch (normalised) {
      case 'SAVE10':
        return totalCents - (bug.floorSave10 ? Math.floor(totalCents / 10) : Math.round(totalCents / 10));
      case 'TENOFF':
        return (bug.strictMinimum ? totalCents > 5000 : totalCents >= 5000) ? totalCents - 1000 : totalCents;
      case 'HALFOFF': {
        const half = Math.round(totalCents / 2);
        return totalCents - (bug.noCap ? half : Math.min(half, 2500));
      }
      default:
        if (bug.ignoreUnknown) return totalCents;
        throw new Error(`unknown discount code: ${code}`);
    }
  };
}

/** Runs every test of the candidate's suite against `fn`; returns the failures as "name: message". */
async function runSuite(solution, fn) {
  const suite = solution.tests && typeof solution.tests === 'object' ? solution.tests : {};
  const failures = [];
  for (const [name, test] of Object.entries(suite)) {
    if (typeof test !== 'function') continue;
    // A fresh wrapper each time, so every implementation looks the same from the outside.
    const impl = { applyDiscount: (totalCents, code) => fn(totalCents, code) };
    try {
      await test(impl);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${name}: ${message.split('\n')[0].slice(0, 200)}`);
    }
  }
  return failures;
}

const verdict = async (solution, bug) =>
  (await runSuite(solution, makeApplyDiscount(bug))).length > 0 ? 'killed' : 'survived';

export default {
  'your tests pass on the correct implementation': async (solution) => {
    const failures = await runSuite(solution, makeApplyDiscount());
    return failures.length === 0 ? 'all passed' : `failed on the correct implementation: ${failures.join(' | ')}`;
  },
  'you wrote at least 3 tests': (solution) => {
    const suite = solution.tests && typeof solution.tests === 'object' ? solution.tests : {};
    return Math.min(Object.values(suite).filter((test) => typeof test === 'function').length, 3);
  },
  'kills the minimum-order off-by-one mutant': (solution) => verdict(solution, { strictMinimum: true }),
  'kills the rounding mutant': (solution) => verdict(solution, { floorSave10: true }),
  'kills the missing-cap mutant': (solution) => verdict(solution, { noCap: true }),
  'kills the case-sensitive mutant': (solution) => verdict(solution, { caseSensitive: true }),
  'kills the mutant that ignores unknown codes': (solution) => verdict(solution, { ignoreUnknown: true }),
  'kills the mutant that accepts negative totals': (solution) => verdict(solution, { allowNegative: true }),
};
