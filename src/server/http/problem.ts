import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Socket } from 'node:net';
import type { Problem } from '../../shared/api.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../../shared/error-codes.js';
import { AppError, problemBody } from '../errors.js';
import { API_SECURITY_HEADERS, HSTS } from './security-headers.js';

/** Fastify's own client errors, mapped to Onsite's stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_BODY_NOT_SUPPORTED: 'body_not_allowed',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'path_too_long',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

/** Node's connection errors and PostgreSQL's "server going away" states: the database, not the request, failed. */
const DATABASE_GONE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01', // admin_shutdown: the backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const DATABASE_GONE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed|Cannot use a pool after calling end/i;

/** Seconds a client should wait before retrying while the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Whether an error (or anything in its `cause` chain, as drizzle wraps driver errors) says the
 * database could not be reached, rather than that a statement was wrong.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DATABASE_GONE_CODES.has(code)) return true;
    if (DATABASE_GONE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * Sends RFC 9457 problem+json. Every error response of the API goes through here, so each carries
 * a stable `code` and the request id a user can quote when asking for help. The status is the
 * catalogue's for the code, unless the framework raised the error with its own (`status`).
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: Pick<Problem, 'errors'> & { status?: number } = {},
): FastifyReply {
  const body = problemBody(code, detail, {
    ...extra,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
  });
  reply.header('x-request-id', String(request.id));
  return reply.code(body.status).type('application/problem+json').send(body);
}

/**
 * Errors the router raises before any route or hook runs (a URL that does not decode, a path
 * parameter over the length limit): the same problem+json as every other error.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // Router errors skip the onRequest hooks, so the API's security headers and HSTS are set here
  // as `securityHeaders` would.
  reply.headers(API_SECURITY_HEADERS);
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  const code = FASTIFY_CODES[error.code] ?? 'bad_request';
  void sendProblem(request, reply, code, problemDetail(error), { status: error.statusCode });
}

const CLIENT_ERRORS: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
  HPE_URI_TOO_LONG: 'uri_too_long',
};

/**
 * Node's HTTP parser rejects some requests before Fastify sees them (headers too large, a request
 * that is not HTTP). They still get a problem+json body with a stable code, whose catalogue meaning
 * is the detail; there is no request id because there is no request.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERRORS[error.code ?? ''] ?? 'malformed_request';
  const problem = problemBody(code, ERROR_CATALOGUE[code].meaning);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Fastify's messages can echo a whole malformed path; keep the detail short and printable. */
function problemDetail(error: FastifyError): string {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return 'A path segment is too long.';
  if (error.code === 'FST_ERR_BAD_URL') return 'The URL is not validly percent-encoded.';
  return error.message;
}

/** The single error handler: AppError, validation, Fastify client errors, and everything else. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // The wrapped error stays in the log, beside the request id the client was given.
      if (error.cause !== undefined) request.log.info({ err: error.cause, code: error.code }, 'refusal caused by');
      return sendProblem(request, reply, error.code, error.message, { errors: error.details?.errors });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const errors = error.validation.map((issue) => ({
        path: [where, ...String(issue.instancePath).split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is invalid',
      }));
      const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return sendProblem(request, reply, 'invalid_request', `Invalid request — ${detail}`, { errors });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(request, reply, 'internal_error', 'Something went wrong on our side.');
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', DATABASE_RETRY_AFTER_SECONDS);
      return sendProblem(request, reply, 'database_unavailable', 'The database is not reachable; try again shortly.');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError ? 'malformed_body' : 'bad_request');
      return sendProblem(request, reply, code, error.message, { status });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal_error', 'Something went wrong on our side.');
  });
}
