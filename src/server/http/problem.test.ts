import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { invalid } from '../errors.js';
import { registerErrorHandler } from './problem.js';

describe('the error handler', () => {
  it('logs the cause of an AppError beside the request id, and never sends it to the client', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream } });
    registerErrorHandler(app);
    app.get('/wrapped', async () => {
      throw invalid('invalid_export_file', 'This is not an Onsite export file.', {
        cause: new Error('internal parser state: token 7 at offset 4242'),
      });
    });
    const res = await app.inject('/wrapped');
    await app.close();

    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_export_file', detail: 'This is not an Onsite export file.' });
    expect(res.body).not.toContain('offset 4242');
    const logged = lines
      .map((line) => JSON.parse(line) as { reqId?: string; code?: string; err?: { message?: string } })
      .find((line) => line.err?.message?.includes('offset 4242'));
    expect(logged).toMatchObject({ reqId: res.json().requestId, code: 'invalid_export_file' });
  });
});
