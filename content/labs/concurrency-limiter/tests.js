/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets every pending promise callback and tick run, so the pool has reacted to what just happened. */
const flush = async () => {
  await sleep(0);
  await sleep(0);
};
/** A promise the test settles by hand. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export default {
  'results come back in input order': async ({ runWithLimit }) => {
    const task = (label, ms) => async () => {
      await sleep(ms);
      return label;
    };
    return runWithLimit([task('a', 30), task('b', 10), task('c', 20), task('d', 0)], 2);
  },
  'never more than limit tasks at once': async ({ runWithLimit }) => {
    const delays = [5, 1, 3, 2, 4, 1, 2, 3, 1, 2];
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const tasks = delays.map((ms, i) => async () => {
      calls += 1;
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await sleep(ms);
      running -= 1;
      return i * i;
    });
    const results = await runWithLimit(tasks, 3);
    return [maxRunning, calls, results];
  },
  'starts the next task as soon as any task finishes': async ({ runWithLimit }) => {
    const started = [];
    const gates = {};
    const tasks = ['A', 'B', 'C', 'D'].map((label) => {
      gates[label] = deferred();
      return () => {
        started.push(label);
        return gates[label].promise;
      };
    });
    const call = runWithLimit(tasks, 2);
    await flush();
    const first = [...started];
    gates.B.resolve('b');
    await flush();
    const second = [...started];
    gates.C.resolve('c');
    await flush();
    const third = [...started];
    gates.A.resolve('a');
    gates.D.resolve('d');
    return [first, second, third, await call];
  },
  'an empty list resolves to an empty list': async ({ runWithLimit }) => runWithLimit([], 4),
  'a limit larger than the task count runs them all at once': async ({ runWithLimit }) => {
    const calls = [0, 0, 0];
    const gates = [deferred(), deferred(), deferred()];
    const tasks = gates.map((gate, i) => () => {
      calls[i] += 1;
      return gate.promise;
    });
    const call = runWithLimit(tasks, 10);
    await flush();
    const running = calls.reduce((sum, n) => sum + n, 0);
    ['x', 'y', 'z'].forEach((value, i) => gates[i].resolve(value));
    const results = await call;
    return [running, calls, results];
  },
  'a failing task fails the call at once and stops new starts': async ({ runWithLimit }) => {
    const started = [];
    const slow = deferred();
    const tasks = [
      () => {
        started.push('A');
        return slow.promise;
      },
      async () => {
        started.push('B');
        await null;
        throw new Error('boom');
      },
      async () => {
        started.push('C');
        return 'c';
      },
    ];
    let outcome = 'pending';
    let message = null;
    runWithLimit(tasks, 2).then(
      () => {
        outcome = 'resolved';
      },
      (error) => {
        outcome = 'rejected';
        message = error instanceof Error ? error.message : String(error);
      },
    );
    await flush();
    const snapshot = [outcome, message, [...started]];
    slow.resolve('a');
    await flush();
    return snapshot;
  },
  'limit must be a positive integer': async ({ runWithLimit }) => {
    const outcomes = [];
    for (const limit of [0, -1, 1.5]) {
      try {
        await runWithLimit([async () => 1], limit);
        outcomes.push('accepted');
      } catch (error) {
        outcomes.push(error instanceof RangeError ? 'invalid' : `other error: ${error}`);
      }
    }
    return outcomes;
  },
  'each task is called exactly once with many tasks': async ({ runWithLimit }) => {
    const n = 2000;
    const calls = new Array(n).fill(0);
    let running = 0;
    let maxRunning = 0;
    const tasks = calls.map((_, i) => async () => {
      calls[i] += 1;
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await null;
      await null;
      running -= 1;
      return i;
    });
    const results = await runWithLimit(tasks, 16);
    const totalCalls = calls.reduce((sum, c) => sum + c, 0);
    const exactlyOnce = calls.filter((c) => c === 1).length;
    const sum = results.reduce((total, value, i) => total + (value === i ? value : 0), 0);
    return [totalCalls, exactlyOnce, sum, maxRunning];
  },
};
