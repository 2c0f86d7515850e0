/**
 * The grader's command channel, shared by the Node.js drivers (node-driver.mjs, sql-driver.mjs).
 * It is copied into the sandbox beside them as /driver/driver-io.mjs (see warm-pool.ts); the Python
 * driver has its own reader.
 *
 * Commands arrive one JSON line at a time on stdin. Reading blocks the whole process between
 * commands, so the candidate's timers and promises wait too: nothing of theirs runs outside a
 * timed window. `readSync` and `JSON.parse` are captured when this module loads, before any
 * candidate code, so patching them later changes nothing here.
 */
import { readSync } from 'node:fs';

const read = readSync;
const parse = JSON.parse;
const STDIN = 0;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Returns `nextCommand()`: the next command from the grader, parsed, blocking until it arrives, or
 * null at the end of input. Code that makes stdin non-blocking (touching `process.stdin` does)
 * only makes it wait a moment and retry.
 */
export function commandReader() {
  let buffered = '';
  const chunk = Buffer.alloc(1 << 16);
  return function nextCommand() {
    for (;;) {
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        return parse(line);
      }
      let bytes;
      try {
        bytes = read(STDIN, chunk, 0, chunk.length, null);
      } catch (error) {
        if (error.code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 2);
          continue;
        }
        throw error;
      }
      if (bytes === 0) return null;
      buffered += chunk.toString('utf8', 0, bytes);
    }
  };
}
