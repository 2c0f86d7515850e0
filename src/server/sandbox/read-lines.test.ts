import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from './bounded-json.js';
import { CHANNEL_TOTAL_BYTES, readLines } from './sandbox.js';

const MB = 1024 * 1024;

/** A channel fed with `chunks`, and what `readLines` made of it once they are read. */
async function feed(chunks: string[]): Promise<{ lines: number; flooded: boolean }> {
  const channel = new PassThrough();
  const seen = { lines: 0, flooded: false };
  readLines(
    channel,
    () => (seen.lines += 1),
    () => (seen.flooded = true),
  );
  for (const chunk of chunks) channel.write(chunk);
  await new Promise((resolve) => setImmediate(resolve));
  return seen;
}

describe('the results channel', () => {
  it('carries 16 MB from one sandbox and stops at one character more', async () => {
    expect(CHANNEL_TOTAL_BYTES).toBe(16 * MB);
    const line = `${'x'.repeat(MB - 1)}\n`;
    const full = Array.from({ length: 16 }, () => line);
    expect(await feed(full)).toEqual({ lines: 16, flooded: false });
    expect((await feed([...full, 'y'])).flooded).toBe(true);
  });

  it('holds an unfinished line of 2 MB and stops at one character more', async () => {
    expect(await feed(['x'.repeat(MAX_LINE_BYTES)])).toEqual({ lines: 0, flooded: false });
    expect(await feed(['x'.repeat(MAX_LINE_BYTES + 1)])).toEqual({ lines: 0, flooded: true });
  });
});
