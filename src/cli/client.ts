import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { Problem } from '../shared/api.js';

/** Exit codes of every `onsite` command: 0 done, 1 a failure (a failed submission, an error), 2 bad usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure to report on one line (`onsite: <message>`); the CLI exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

/** Where the CLI talks to: the server's base URL and the personal API token to send, if any. */
export interface Server {
  url: string;
  token?: string;
}

/** Parses `value` with `schema`, or throws a usage error naming the first wrong field. */
export function parseUsage<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new CliError(`invalid ${what}: ${where}${issue.message}`, EXIT.usage);
}

/** How long one request may go unanswered before the CLI gives up on the server. */
export const REQUEST_TIMEOUT_MS = 30_000;

interface RequestOptions {
  body?: unknown;
  /** A long poll: the server may hold the answer this long on top of the usual timeout. */
  waitMs?: number;
  /** Sends an `Idempotency-Key`, so a retried change is applied once. */
  idempotent?: boolean;
  headers?: Record<string, string>;
}

/**
 * The `/v1` API as the CLI sees it. Every answer is checked against the API's own zod schema, and a
 * problem+json error becomes a one-line {@link CliError} carrying the server's stable `code`:
 * `401 invalid_token: The API token is invalid or has been revoked.`
 */
export class Api {
  constructor(
    readonly server: Server,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  get<S extends z.ZodType>(
    schema: S,
    path: string,
    options: Pick<RequestOptions, 'waitMs'> = {},
  ): Promise<z.output<S>> {
    return this.request(schema, 'GET', path, options);
  }

  post<S extends z.ZodType>(schema: S, path: string, body: unknown, options: RequestOptions = {}) {
    return this.request(schema, 'POST', path, { ...options, body });
  }

  put<S extends z.ZodType>(schema: S, path: string, body: unknown) {
    return this.request(schema, 'PUT', path, { body });
  }

  /** The raw response of a GET that succeeded, for downloads whose body is written as is. */
  async download(path: string): Promise<Response> {
    return this.send('GET', path, {});
  }

  async request<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<z.output<S>> {
    const response = await this.send(method, path, options);
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CliError(
        `unexpected answer from ${method} ${path}: ${issue.path.join('.') || 'body'}: ${issue.message} (is ${this.server.url} an Onsite server of this version?)`,
      );
    }
    return parsed.data;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.server.token) headers.authorization = `Bearer ${this.server.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotent) headers['idempotency-key'] = randomUUID();
    const timeoutMs = this.timeoutMs + (options.waitMs ?? 0);
    let response: Response;
    try {
      response = await fetch(new URL(path, this.server.url), {
        method,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      // A server that accepts the connection but never answers would otherwise hang the CLI.
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new CliError(
          `no answer from Onsite at ${this.server.url} within ${timeoutMs / 1000} s (${method} ${path})`,
        );
      }
      throw new CliError(`cannot reach Onsite at ${this.server.url} (is it running? check the URL of onsite login)`);
    }
    if (response.ok) return response;
    const problem = Problem.safeParse(await response.json().catch(() => undefined));
    if (problem.success) {
      throw new CliError(`${response.status} ${problem.data.code}: ${problem.data.detail}`);
    }
    throw new CliError(`${response.status} ${response.statusText || 'error'} from ${method} ${path}`);
  }
}
