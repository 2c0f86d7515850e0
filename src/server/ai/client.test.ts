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
