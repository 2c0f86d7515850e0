/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** Burns CPU for `ms` milliseconds, like a slow synchronous handler would. */
function spin(ms) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

/**
 * Calls scheduleSteps from inside an I/O callback (optionally from a promise callback within it),
 * right after queueing one marker in each queue, and collects everything logged for 25 ms.
 */
async function runSteps(scheduleSteps, context) {
  const { stat } = await import('node:fs');
  const log = [];
  const push = (label) => {
    log.push(String(label));
  };
  await new Promise((resolve, reject) => {
    stat('/tmp', () => {
      const body = () => {
        process.nextTick(() => push('tick'));
        Promise.resolve().then(() => push('promise'));
        setTimeout(() => push('timeout'), 0);
        setImmediate(() => push('immediate'));
        try {
          scheduleSteps(push);
        } catch (error) {
          reject(error);
        }
      };
      if (context === 'promise') Promise.resolve().then(body);
      else body();
      setTimeout(resolve, 25);
    });
  });
  return log;
}

export default {
  'scheduleSteps called from an I/O callback': ({ scheduleSteps }) => runSteps(scheduleSteps, 'io'),
  'scheduleSteps called from a promise callback': ({ scheduleSteps }) => runSteps(scheduleSteps, 'promise'),
  'processInChunks returns every result in order': ({ processInChunks }) =>
    processInChunks([5, 6, 7, 8, 9], 2, (item, index) => item * 10 + index),
  'processInChunks handles empty lists and oversized chunks': async ({ processInChunks }) => {
    let calls = 0;
    const empty = await processInChunks([], 3, () => {
      calls += 1;
    });
    const whole = await processInChunks(['x', 'y'], 10, (item) => item.toUpperCase());
    return [empty, calls, whole];
  },
  'processInChunks yields once per chunk': async ({ processInChunks }) => {
    // A self-rescheduling setImmediate counts turns of the event loop.
    let turns = 0;
    let done = false;
    const count = () => {
      turns += 1;
      if (!done) setImmediate(count);
    };
    setImmediate(count);
    const seen = [];
    try {
      await processInChunks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, () => {
        seen.push(turns);
      });
    } finally {
      done = true;
    }
    return seen.map((turn) => turn - seen[0]);
  },
  'yieldToEventLoop lets a due timer run': async ({ yieldToEventLoop }) => {
    let fired = false;
    setTimeout(() => {
      fired = true;
    }, 0);
    spin(3); // the timer is now due
    await yieldToEventLoop();
    await yieldToEventLoop();
    return fired;
  },
  'a health check is answered while a batch runs': async ({ processInChunks }) => {
    const http = await import('node:http');
    const server = http.createServer((request, response) => response.end('ok'));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    let processed = 0;
    let answeredAfter = null;
    const answered = new Promise((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/health', agent: false }, (response) => {
        response.resume();
        response.on('end', () => {
          answeredAfter = processed;
          resolve();
        });
      });
      request.on('error', resolve);
    });
    const items = Array.from({ length: 300 }, (_, i) => i);
    await processInChunks(items, 10, () => {
      spin(0.5);
      processed += 1;
    });
    const duringBatch = answeredAfter !== null && answeredAfter < items.length;
    await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 500))]);
    server.close();
    return duringBatch;
  },
  '10000 yields in a row': async ({ yieldToEventLoop }) => {
    let count = 0;
    for (let i = 0; i < 10000; i++) {
      await yieldToEventLoop();
      count += 1;
    }
    return count;
  },
};
