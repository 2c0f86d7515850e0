import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lazyRequestLogger, OneLinePerRequest } from './request-log.js';

let app: FastifyInstance;
let lines: Record<string, unknown>[];

beforeEach(async () => {
  lines = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  app = Fastify({
    logger: { level: 'info', stream },
    logController: new OneLinePerRequest(),
    childLoggerFactory: lazyRequestLogger,
  });
  app.get('/quiet', async () => ({ ok: true }));
  app.get('/chatty', async (request) => {
    request.log.warn({ detail: 1 }, 'handler says');
    request.log.child({ step: 'inner' }).info('nested');
    return { ok: true };
  });
  app.get('/fails', async () => {
    throw new Error('broken');
  });
  app.get('/warn-only', { logLevel: 'warn' }, async () => ({ ok: true }));
  await app.ready();
});
afterEach(async () => app.close());

const byRequest = (id: string) => lines.filter((line) => line.reqId === id);

describe('request log lines', () => {
  it('writes one completion line per request, bound to its id, without making a child logger', async () => {
    const child = vi.spyOn(app.log, 'child');
    await app.inject({ url: '/quiet?x=1', headers: { 'x-request-id': 'ignored' } });
    expect(child).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      reqId: expect.any(String),
      method: 'GET',
      url: '/quiet?x=1',
      statusCode: 200,
      msg: 'request completed',
    });
    expect(Object.keys(lines[0]!).indexOf('reqId')).toBeLessThan(Object.keys(lines[0]!).indexOf('method'));
  });

  it('binds the request id to what a handler logs, and to its children', async () => {
    await app.inject('/chatty');
    const id = lines.at(-1)!.reqId as string;
    expect(byRequest(id).map((line) => line.msg)).toEqual(['handler says', 'nested', 'request completed']);
    expect(byRequest(id)[0]).toMatchObject({ level: 40, detail: 1 });
    expect(byRequest(id)[1]).toMatchObject({ step: 'inner' });
  });

  it('binds the request id to the error handler’s line for a failed request', async () => {
    await app.inject('/fails');
    const completed = lines.at(-1)!;
    expect(completed).toMatchObject({ msg: 'request completed', statusCode: 500 });
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reqId: completed.reqId, err: { message: 'broken' } });
  });

  it('honours a route’s own log level', async () => {
    await app.inject('/warn-only');
    expect(lines).toEqual([]);
  });
});
