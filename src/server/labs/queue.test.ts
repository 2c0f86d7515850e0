import { describe, expect, it } from 'vitest';
import { InProcessQueue } from './queue.js';

describe('InProcessQueue', () => {
  it('logs a job that throws, with its submission id, and goes on with the next', async () => {
    const logged: { details: object; message: string }[] = [];
    const queue = new InProcessQueue({ error: (details, message) => void logged.push({ details, message }) });
    const failure = new Error('database went away');
    const handled: string[] = [];
    await queue.work(async (id) => {
      handled.push(id);
      if (id === 'sub-1') throw failure;
    }, 1);
    await queue.enqueue(['sub-1', 'sub-2']);
    await queue.drain();
    expect(handled).toEqual(['sub-1', 'sub-2']);
    expect(logged).toEqual([{ details: { err: failure, submissionId: 'sub-1' }, message: 'grading job failed' }]);
  });
});
