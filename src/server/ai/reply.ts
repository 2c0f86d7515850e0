import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { Stream } from 'openai/streaming';
import type { z } from 'zod';

/**
 * Reading what an OpenAI-compatible server sends back: a chat completion as one JSON body or as
 * server-sent events, the JSON inside its text (with or without the structured-output format
 * honoured), and a rate limit's `Retry-After`. Pure functions over the reply, tested without a server.
 */

/** Seconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The first JSON object in a reply's text, for servers that ignore the structured-output format
 * and wrap JSON in prose or a code fence. Strings are skipped over so a brace inside one does not
 * end the object early.
 */
export function extractJsonObject(text: string): unknown {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          return JSON.parse(text.slice(start, i + 1));
        } catch {
          break;
        }
      }
    }
  }
  return undefined;
}

/** Parses a reply: JSON as asked, else the first JSON object in it; undefined when neither holds. */
export function parseReply<T>(text: string, schema: z.ZodType<T>): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = extractJsonObject(text);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** A chat completion's text and usage, and whether it came as server-sent events. */
export interface Completion {
  content: string;
  usage: CompletionUsage | undefined;
  streamed: boolean;
}

/**
 * Reads a chat completion from either reply an OpenAI-compatible server may send: one JSON body,
 * or server-sent events of chunks (streamed, whether or not `stream: true` was asked for — some
 * servers always stream), whose deltas are joined and whose last chunk may carry the usage.
 */
export async function readCompletion(response: Response, deadline: AbortSignal): Promise<Completion> {
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const completion = (await response.json()) as Partial<ChatCompletion>;
    return {
      content: completion.choices?.[0]?.message?.content ?? '',
      usage: completion.usage ?? undefined,
      streamed: false,
    };
  }
  const controller = new AbortController();
  deadline.addEventListener('abort', () => controller.abort(), { once: true });
  let content = '';
  let usage: CompletionUsage | undefined;
  for await (const chunk of Stream.fromSSEResponse<ChatCompletionChunk>(response, controller)) {
    content += chunk.choices?.[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  // The SDK's stream ends quietly when aborted: a reply cut off by the deadline is a timeout.
  if (deadline.aborted) throw new OpenAI.APIConnectionTimeoutError();
  return { content, usage, streamed: true };
}
