import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { llmFor, startLlmServer, type LlmServer } from '../../../test/llm-server.js';
import { type LlmRequest, ReplyCache } from './client.js';

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const Ok = z.object({ ok: z.boolean() });
const REQUEST: LlmRequest<z.infer<typeof Ok>> = {
  purpose: 'review',
  messages: [{ role: 'user', content: 'The same prompt.' }],
  schemaName: 'ok',
  schema: Ok,
  maxTokens: 10,
};

describe('the reply cache', () => {
  it('holds 500 replies by default and drops the least recently used first', () => {
    const cache = new ReplyCache();
    for (let i = 0; i < 500; i++) cache.set(`k${i}`, i);
    expect(cache.get('k0')).toBe(0); // now the most recently used
    cache.set('k500', 500);
    expect(cache.size).toBe(500);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k0')).toBe(0);
    expect(cache.get('k500')).toBe(500);
  });

  it('is keyed by the model as well as the prompt: one model’s reply never answers another’s request', async () => {
    server = await startLlmServer(() => ({ content: '{"ok": true}' }));
    const cache = new ReplyCache();
    const first = llmFor(server, { model: 'model-a', cache }).client;
    const second = llmFor(server, { model: 'model-b', cache }).client;
    expect(await first.complete(REQUEST)).toMatchObject({ ok: true, cached: false });
    expect(await first.complete(REQUEST)).toMatchObject({ ok: true, cached: true });
    expect(second.cached(REQUEST)).toBeUndefined();
    expect(await second.complete(REQUEST)).toMatchObject({ ok: true, cached: false });
    expect(server.requests.map((request) => request.body.model)).toEqual(['model-a', 'model-b']);
  });
});
