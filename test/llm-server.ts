import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLlmClient, type LlmLog, type ReplyCache } from '../src/server/ai/client.js';
import type { LlmConfig } from '../src/server/config.js';

/**
 * An OpenAI-compatible server for tests: a real HTTP server on a random loopback port that answers
 * `POST /v1/chat/completions` (as one JSON body, or streamed as server-sent events) and
 * `POST /v1/audio/transcriptions` with scripted replies, and records every request it receives.
 */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequest;
  /** Whether the client closed the connection before the reply ended (it gave up waiting). */
  cutOff: boolean;
}

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  [key: string]: unknown;
}

/**
 * One scripted reply: the message content to send back, or a raw HTTP answer. Content is streamed
 * as server-sent events when the request asked for it (`stream: true`) or `stream` is set here,
 * in chunks of `chunkChars` characters `chunkDelayMs` apart; the usage comes in the last chunk
 * when the request asked for it (`stream_options.include_usage`).
 */
export type Script =
  | {
      content: string;
      usage?: { prompt_tokens: number; completion_tokens: number };
      delayMs?: number;
      stream?: boolean;
      chunkChars?: number;
      chunkDelayMs?: number;
    }
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number };

/** One scripted transcription: the text heard, or a raw HTTP answer. */
export type TranscriptionScript =
  | { text: string; delayMs?: number }
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number };

/** What a transcription request carried: the multipart form's fields and its file. */
export interface ReceivedTranscription {
  headers: IncomingHttpHeaders;
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: number } | null;
}

export interface LlmServer {
  /** Base URL to configure as ONSITE_LLM_URL (ends in /v1). */
  url: string;
  requests: ReceivedRequest[];
  transcriptions: ReceivedTranscription[];
  /** Replies for the next requests, in order; past the end, `fallback` answers. */
  script(...replies: (Script | ((request: ChatRequest) => Script))[]): void;
  /** Replies for the next transcription requests; past the end, a 404 (no transcription offered). */
  scriptTranscription(...replies: TranscriptionScript[]): void;
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
  options: {
    /** Refuse with a 400 any chat request without `stream: true`, as some servers do. */
    requireStream?: boolean;
  } = {},
): Promise<LlmServer> {
  const queue: (Script | ((request: ChatRequest) => Script))[] = [];
  const transcriptQueue: TranscriptionScript[] = [];
  const requests: ReceivedRequest[] = [];
  const transcriptions: ReceivedTranscription[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const later = (ms: number | undefined, task: () => void) => {
    if (!ms) return task();
    const timer = setTimeout(() => {
      pending.delete(timer);
      task();
    }, ms);
    pending.add(timer);
  };
  const sendRaw = (res: ServerResponse, script: { status: number; headers?: Record<string, string>; body?: unknown }) =>
    res
      .writeHead(script.status, { 'content-type': 'application/json', ...script.headers })
      .end(script.body === undefined ? '' : JSON.stringify(script.body));

  const chat = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    let body: ChatRequest;
    try {
      body = JSON.parse(raw.toString()) as ChatRequest;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, cutOff: false };
    requests.push(received);
    res.on('close', () => void (received.cutOff = !res.writableEnded));
    if (options.requireStream && body.stream !== true) {
      sendRaw(res, { status: 400, body: { error: { message: 'This server only answers with "stream": true.' } } });
      return;
    }
    const next = queue.shift() ?? fallback;
    const script = typeof next === 'function' ? next(body) : next;
    const id = `chatcmpl-${requests.length}`;
    const send = () => {
      if (res.destroyed) return;
      if (!('content' in script)) return sendRaw(res, script);
      const counts = script.usage ?? { prompt_tokens: 100, completion_tokens: 50 };
      const usage = { ...counts, total_tokens: counts.prompt_tokens + counts.completion_tokens };
      if (!script.stream && body.stream !== true) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: script.content }, finish_reason: 'stop' }],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const size = script.chunkChars ?? 16;
      const pieces: string[] = [];
      for (let at = 0; at < script.content.length; at += size) pieces.push(script.content.slice(at, at + size));
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
      const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      const writeNext = (index: number) => {
        if (res.destroyed) return;
        if (index < pieces.length) {
          res.write(
            chunk(index === 0 ? { role: 'assistant', content: pieces[index] } : { content: pieces[index] }, null),
          );
          later(script.chunkDelayMs, () => writeNext(index + 1));
          return;
        }
        res.write(chunk({}, 'stop'));
        if (includeUsage) {
          res.write(
            `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [], usage })}\n\n`,
          );
        }
        res.end('data: [DONE]\n\n');
      };
      writeNext(0);
    };
    later(script.delayMs, send);
  };

  const transcribe = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    let form: FormData;
    try {
      form = await new Request('http://test/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(raw),
      }).formData();
    } catch {
      res.writeHead(400).end();
      return;
    }
    const fields: Record<string, string> = {};
    let file: ReceivedTranscription['file'] = null;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else file = { name: value.name, type: value.type, bytes: value.size };
    }
    transcriptions.push({ headers: req.headers, fields, file });
    const script = transcriptQueue.shift() ?? { status: 404, body: { error: { message: 'Not found' } } };
    later(script.delayMs, () => {
      if (res.destroyed) return;
      if ('text' in script)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: script.text }));
      else sendRaw(res, script);
    });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (req.url === '/v1/audio/transcriptions') void transcribe(req, res, raw);
      else chat(req, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    transcriptions,
    script: (...replies) => void queue.push(...replies),
    scriptTranscription: (...replies) => void transcriptQueue.push(...replies),
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const silent: LlmLog = { info: () => {}, warn: () => {} };

/**
 * The AI layer's deps for `createTestApp`, pointed at a test server: model `test-model`, a 5 s
 * timeout. A `cache` of capacity 0 keeps nothing, so every request the app makes reaches the server.
 */
export function llmFor(
  server: Pick<LlmServer, 'url'>,
  options: Partial<Omit<LlmConfig, 'url'>> & {
    log?: LlmLog;
    sleep?: (ms: number) => Promise<void>;
    cache?: ReplyCache;
  } = {},
) {
  const { log = silent, sleep, cache, ...overrides } = options;
  const config: LlmConfig = {
    url: server.url,
    model: 'test-model',
    apiKey: undefined,
    dailyTokens: 100_000,
    timeoutMs: 5_000,
    followUps: 2,
    transcribeModel: undefined,
    ...overrides,
  };
  return { config, client: createLlmClient(config, log, { sleep, cache }) };
}
