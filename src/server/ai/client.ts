import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { z } from 'zod';
import { AUDIO_TYPES } from '../../shared/speech.js';
import type { LlmConfig } from '../config.js';
import { type Completion, parseReply, readCompletion, retryAfterSeconds } from './reply.js';

/**
 * The one way Onsite talks to a model: a chat completion from any OpenAI-compatible server, asked
 * for JSON matching a schema, every reply validated with zod. Failures are values, not throws, so
 * a caller always has the offline result to fall back on. What the server sends back is read by
 * `reply.ts`.
 */

export interface LlmLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface LlmMessage {
  role: 'system' | 'user';
  content: string;
}

export type LlmFailure = {
  ok: false;
  code: 'ai_timeout' | 'ai_rate_limited' | 'ai_malformed_reply' | 'ai_provider_error';
  note: string;
  retryAfterSeconds?: number;
  /** Tokens the failed request still cost (a malformed reply was generated and billed). */
  tokens?: number;
};
export type LlmResult<T> = { ok: true; value: T; tokens: number; cached: boolean } | LlmFailure;

export interface LlmRequest<T> {
  /** What the request is for, in logs (`review`, `eval`). */
  purpose: string;
  messages: LlmMessage[];
  /** Names the schema in `response_format`. */
  schemaName: string;
  schema: z.ZodType<T>;
  maxTokens: number;
}

export interface LlmClient {
  readonly model: string;
  /** A reply cached for this request, or undefined: costs nothing and sends nothing. */
  cached<T>(request: LlmRequest<T>): T | undefined;
  complete<T>(request: LlmRequest<T>): Promise<LlmResult<T>>;
  /** Speech to text at `/audio/transcriptions` with the configured transcription model. */
  transcribe(audio: { bytes: Buffer; contentType: string }): Promise<{ ok: true; text: string } | LlmFailure>;
}

/**
 * Replies kept by a hash of (model, messages, schema), least recently used dropped first. Kept in
 * memory, not in the database: a cached reply is derived from a candidate's answer, and memory
 * keeps no copy of it past a restart or outside the export and deletion of their data; a lost
 * entry costs one repeated request.
 */
export class ReplyCache {
  readonly #entries = new Map<string, unknown>();
  constructor(readonly capacity = 500) {}

  get(key: string): unknown {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key);
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function cacheKey(model: string, request: LlmRequest<unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify([model, request.schemaName, request.messages]))
    .digest('hex');
}

/** The longest `Retry-After` waited out, once, before giving up to the offline result. */
const MAX_RETRY_WAIT_SECONDS = 2;

/**
 * A client for the configured endpoint. The SDK's own retries are off: a 429 is retried here once,
 * only when its `Retry-After` is short, so a request never outlives its timeout by much. Logs
 * carry the model, tokens and latency — never the key, the prompt or the reply.
 */
export function createLlmClient(
  config: LlmConfig,
  log: LlmLog,
  options: { cache?: ReplyCache; sleep?: (ms: number) => Promise<void> } = {},
): LlmClient {
  const cache = options.cache ?? new ReplyCache();
  const sleep = options.sleep ?? defaultSleep;
  const openai = new OpenAI({
    baseURL: config.url,
    // A local server needs no key: send no Authorization header rather than a made-up one. Explicit
    // nulls keep the SDK from reading OPENAI_* variables meant for something else.
    apiKey: config.apiKey ?? 'unused',
    ...(config.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    organization: null,
    project: null,
    timeout: config.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });

  // Set once the server has refused a request for want of `stream: true`; streamed from then on.
  let streaming = false;

  /** One request's reply text and usage, streamed or not; throws the SDK's errors. */
  async function send(request: LlmRequest<unknown>, deadline: AbortSignal): Promise<Completion> {
    const response = await openai.chat.completions
      .create(
        {
          model: config.model,
          messages: request.messages,
          temperature: 0,
          max_tokens: request.maxTokens,
          response_format: {
            type: 'json_schema',
            json_schema: { name: request.schemaName, strict: true, schema: jsonSchemaOf(request.schema) },
          },
          ...(streaming ? { stream: true, stream_options: { include_usage: true } } : {}),
        },
        { signal: deadline },
      )
      .asResponse();
    return readCompletion(response, deadline);
  }

  /**
   * A thrown request as a failure value — timeout, rate limit (a short `Retry-After` asks for one
   * retry), or any other refusal — logged with the model and latency only. `what` says, in the
   * notes, what was asked for and what the user still has.
   */
  function failureOf(
    error: unknown,
    input: { deadline: AbortSignal; fields: Record<string, unknown>; started: number; what: FailureWording },
  ): LlmFailure | { retryAfter: number } {
    const { deadline, fields, what } = input;
    const latencyMs = Math.round(performance.now() - input.started);
    if (deadline.aborted || error instanceof OpenAI.APIConnectionTimeoutError) {
      log.warn({ ...fields, latencyMs, outcome: 'timeout' }, 'ai request failed');
      return { ok: false, code: 'ai_timeout', note: `${what.timedOut(config.timeoutMs)}; ${what.fallback}.` };
    }
    if (error instanceof OpenAI.APIError && error.status === 429) {
      const wait = retryAfterSeconds(error.headers?.get('retry-after'));
      log.warn({ ...fields, latencyMs, outcome: 'rate_limited', retryAfterSeconds: wait }, 'ai request failed');
      if (wait !== undefined && wait <= MAX_RETRY_WAIT_SECONDS) return { retryAfter: wait };
      return {
        ok: false,
        code: 'ai_rate_limited',
        note: `The AI provider is rate limiting requests; ${what.fallback}.`,
        ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
      };
    }
    const status = error instanceof OpenAI.APIError ? error.status : undefined;
    log.warn({ ...fields, latencyMs, outcome: 'error', status }, 'ai request failed');
    return {
      ok: false,
      code: 'ai_provider_error',
      note: `${what.refused}${status ? ` (HTTP ${status})` : ''}; ${what.fallback}.`,
    };
  }

  /** Runs `attempt`, waiting out a short `Retry-After` once; a second 429 is a rate-limit failure. */
  async function withRetry<R extends object>(attempt: () => Promise<R | { retryAfter: number }>, what: FailureWording) {
    let result = await attempt();
    if (isRetry(result)) {
      await sleep(result.retryAfter * 1000);
      result = await attempt();
    }
    if (!isRetry(result)) return result;
    const failure: LlmFailure = {
      ok: false,
      code: 'ai_rate_limited',
      note: `The AI provider is rate limiting requests; ${what.fallback}.`,
      retryAfterSeconds: result.retryAfter,
    };
    return failure;
  }

  async function once<T>(request: LlmRequest<T>): Promise<LlmResult<T> | { retryAfter: number }> {
    const started = performance.now();
    const fields = { purpose: request.purpose, model: config.model };
    // The SDK's timeout ends at the reply's headers; a streamed reply is bounded by this deadline too.
    const deadline = AbortSignal.timeout(config.timeoutMs);
    try {
      let completion: Completion;
      try {
        completion = await send(request, deadline);
      } catch (error) {
        if (streaming || !insistsOnStreaming(error)) throw error;
        streaming = true;
        log.warn({ ...fields, outcome: 'stream_required' }, 'ai server wants streamed replies; streaming from now on');
        completion = await send(request, deadline);
      }
      const latencyMs = Math.round(performance.now() - started);
      const usage = completion.usage;
      const tokens = usage?.total_tokens ?? 0;
      const value = parseReply(completion.content, request.schema);
      log.info(
        {
          ...fields,
          promptTokens: usage?.prompt_tokens,
          replyTokens: usage?.completion_tokens,
          latencyMs,
          streamed: completion.streamed,
          valid: !!value,
        },
        'ai request',
      );
      if (value === undefined) {
        return {
          ok: false,
          code: 'ai_malformed_reply',
          note: `The AI reply was not a valid ${PURPOSE_NOUNS[request.purpose] ?? 'answer'}; showing the offline result.`,
          tokens,
        };
      }
      return { ok: true, value, tokens, cached: false };
    } catch (error) {
      return failureOf(error, { deadline, fields, started, what: CHAT_WORDING });
    }
  }

  async function transcribeOnce(audio: { bytes: Buffer; contentType: string }) {
    const started = performance.now();
    const fields = { purpose: 'transcription', model: config.transcribeModel };
    const deadline = AbortSignal.timeout(config.timeoutMs);
    try {
      const type = audio.contentType.split(';')[0]!.trim();
      const file = await toFile(audio.bytes, `answer.${audioExtension(type)}`, { type });
      const reply = await openai.audio.transcriptions.create(
        { file, model: config.transcribeModel ?? '', response_format: 'json' },
        { signal: deadline },
      );
      const text = typeof reply === 'string' ? reply : reply.text;
      log.info({ ...fields, latencyMs: Math.round(performance.now() - started) }, 'ai request');
      return { ok: true as const, text: text.trim() };
    } catch (error) {
      return failureOf(error, { deadline, fields, started, what: TRANSCRIPTION_WORDING });
    }
  }

  return {
    model: config.model,
    transcribe: (audio) => withRetry(() => transcribeOnce(audio), TRANSCRIPTION_WORDING),
    cached<T>(request: LlmRequest<T>) {
      return cache.get(cacheKey(config.model, request)) as T | undefined;
    },
    async complete<T>(request: LlmRequest<T>): Promise<LlmResult<T>> {
      const key = cacheKey(config.model, request);
      const hit = cache.get(key);
      if (hit !== undefined) return { ok: true, value: hit as T, tokens: 0, cached: true };
      const result = await withRetry(() => once(request), CHAT_WORDING);
      if (result.ok) cache.set(key, result.value);
      return result;
    },
  };
}

/** A refusal that says the server only answers streamed requests (`"stream": true`). */
function insistsOnStreaming(error: unknown): boolean {
  return (
    error instanceof OpenAI.APIError &&
    (error.status === 400 || error.status === 422) &&
    /\bstream(ing)?\b/i.test(error.message)
  );
}

/**
 * The file name extension the transcription endpoint is given for an audio type (servers read the
 * format from it): the subtype of each of `AUDIO_TYPES`, but mp3 for `audio/mpeg` and wav for
 * `audio/x-wav`.
 */
function audioExtension(type: string): string {
  const accepted = AUDIO_TYPES.find((t) => t === type);
  if (!accepted) return 'webm';
  const subtype = accepted.slice('audio/'.length);
  return subtype === 'mpeg' ? 'mp3' : subtype.replace(/^x-/, '');
}

/** How a failure's note words what was asked for and what the user still has. */
interface FailureWording {
  timedOut: (ms: number) => string;
  refused: string;
  fallback: string;
}

const CHAT_WORDING: FailureWording = {
  timedOut: (ms) => `The AI did not answer within ${ms} ms`,
  refused: 'The AI provider could not be reached or refused the request',
  fallback: 'showing the offline result',
};

const TRANSCRIPTION_WORDING: FailureWording = {
  timedOut: (ms) => `The transcription did not finish within ${ms} ms`,
  refused: 'The transcription service could not be reached or refused the recording',
  fallback: 'your recording is still here to play back',
};

/** What a malformed reply was meant to be, by request purpose, for its note. */
const PURPOSE_NOUNS: Record<string, string> = {
  review: 'review',
  eval: 'review',
  coaching: 'coaching',
  'follow-up': 'follow-up question',
};

const isRetry = (result: object): result is { retryAfter: number } => 'retryAfter' in result;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const schemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** The JSON Schema sent as the structured-output format (strict mode: every property required). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = schemas.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
    delete json.$schema;
    schemas.set(schema, json);
  }
  return json;
}
