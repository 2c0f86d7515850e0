import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLlmClient, type LlmLog } from '../src/server/ai/client.js';
import type { LlmConfig } from '../src/server/config.js';

/**
 * An OpenAI-compatible server for tests: a real HTTP server on a random loopback port that answers
 * `POST /v1/chat/completions` with scripted replies, and records every request it receives.
 */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequest;
}

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  [key: string]: unknown;
}

/** One scripted reply: the message content to send back, or a raw HTTP answer. */
export type Script =
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number }; delayMs?: number }
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number };

export interface LlmServer {
  /** Base URL to configure as ONSITE_LLM_URL (ends in /v1). */
  url: string;
  requests: ReceivedRequest[];
  /** Replies for the next requests, in order; past the end, `fallback` answers. */
  script(...replies: (Script | ((request: ChatRequest) => Script))[]): void;
  close(): Promise<void>;
}

/** The text of the candidate's answer inside a review prompt (between its tagged fences). */
export function answerInPrompt(request: ChatRequest): string {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  return /=== BEGIN ANSWER (\w+) ===\n([\s\S]*)\n=== END ANSWER \1 ===/.exec(user)?.[2] ?? '';
}

/** The candidate's turns inside a follow-up prompt (each between its tagged fences), by turn number. */
export function turnsInPrompt(request: ChatRequest): Map<number, string> {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  const turns = new Map<number, string>();
  for (const m of user.matchAll(/=== BEGIN TURN (\d+) (\w+) ===\n([\s\S]*?)\n=== END TURN \1 \2 ===/g)) {
    turns.set(Number(m[1]), m[3]!);
  }
  return turns;
}

/** Which structured output a request asks for: `answer_review`, `follow_up`. */
export const schemaOf = (request: ChatRequest) => request.response_format?.json_schema?.name;

export async function startLlmServer(
  fallback: (request: ChatRequest) => Script = () => ({ status: 500, body: { error: { message: 'no script' } } }),
): Promise<LlmServer> {
  const queue: (Script | ((request: ChatRequest) => Script))[] = [];
  const requests: ReceivedRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      let body: ChatRequest;
      try {
        body = JSON.parse(raw) as ChatRequest;
      } catch {
        res.writeHead(400).end();
        return;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const next = queue.shift() ?? fallback;
      const script = typeof next === 'function' ? next(body) : next;
      const send = () => {
        if ('content' in script) {
          const usage = script.usage ?? { prompt_tokens: 100, completion_tokens: 50 };
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              id: `chatcmpl-${requests.length}`,
              object: 'chat.completion',
              created: 0,
              model: body.model,
              choices: [{ index: 0, message: { role: 'assistant', content: script.content }, finish_reason: 'stop' }],
              usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
            }),
          );
        } else {
          res
            .writeHead(script.status, { 'content-type': 'application/json', ...script.headers })
            .end(script.body === undefined ? '' : JSON.stringify(script.body));
        }
      };
      if (script.delayMs) {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (!res.destroyed) send();
        }, script.delayMs);
        pending.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const silent: LlmLog = { info: () => {}, warn: () => {} };

/** The AI layer's deps for `createTestApp`, pointed at a test server: model `test-model`, a 5 s timeout. */
export function llmFor(
  server: Pick<LlmServer, 'url'>,
  options: Partial<Omit<LlmConfig, 'url'>> & { log?: LlmLog; sleep?: (ms: number) => Promise<void> } = {},
) {
  const { log = silent, sleep, ...overrides } = options;
  const config: LlmConfig = {
    url: server.url,
    model: 'test-model',
    apiKey: undefined,
    dailyTokens: 100_000,
    timeoutMs: 5_000,
    followUps: 2,
    ...overrides,
  };
  return { config, client: createLlmClient(config, log, sleep ? { sleep } : {}) };
}
