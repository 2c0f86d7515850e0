import { STATUS_CODES } from 'node:http';
import type { Problem } from '../shared/api.js';
import { type CodeOfStatus, ERROR_CATALOGUE, type ErrorCode } from '../shared/error-codes.js';

/** One field-level problem, as the `errors` array of problem+json lists it. */
interface FieldError {
  /** Where, as `body.email` or `querystring.cursor`. */
  path: string;
  message: string;
}

/** What an AppError may carry beside its code and message. */
interface AppErrorOptions {
  /** Sent to the client as the problem's `errors`. */
  details?: { errors: FieldError[] };
  /**
   * The error this one wraps (ES2022 `Error.cause`). The error handler logs it with the request id
   * and never sends it to the client, so the origin of a refusal is kept where operators look.
   */
  cause?: unknown;
}

/**
 * The one error type services throw. `code` is a stable snake_case identifier clients may branch
 * on, drawn from the catalogue (src/shared/error-codes.ts), which also fixes the HTTP `status`;
 * `message` is shown to people. Services never see HTTP objects — the status is only a hint to the
 * single error handler.
 */
export class AppError extends Error {
  readonly status: number;
  readonly details: AppErrorOptions['details'];

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options.details;
  }
}

/*
 * Named factories, one per status: each accepts only the catalogue's codes of its status, so
 * `notFound('rate_limited', …)` does not compile.
 */

export const invalid = (code: CodeOfStatus<400>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

export const unauthenticated = (code: CodeOfStatus<401>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

export const forbidden = (code: CodeOfStatus<403>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

export const notFound = (code: CodeOfStatus<404>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

export const conflict = (code: CodeOfStatus<409>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

export const unprocessable = (code: CodeOfStatus<422>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

export const rateLimited = (message: string) => new AppError('rate_limited', message);

export const unavailable = (code: CodeOfStatus<503>, message: string, options?: AppErrorOptions) =>
  new AppError(code, message, options);

/**
 * An RFC 9457 problem+json body with Onsite's stable `code`: the one shape of every error answer,
 * whoever writes it — the error handler (`sendProblem`), the raw-socket `clientErrorHandler`,
 * `/readyz`, or a worker's status server. The status is the catalogue's for the code unless the
 * framework raised the error with its own; `requestId` is empty where there is no request.
 */
export function problemBody(
  code: ErrorCode,
  detail: string,
  extra: Partial<Pick<Problem, 'status' | 'instance' | 'requestId' | 'errors'>> = {},
): Problem {
  const { status = ERROR_CATALOGUE[code].status, instance, requestId = '', errors } = extra;
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(instance === undefined ? {} : { instance }),
    requestId,
    ...(errors ? { errors } : {}),
  };
}
