/**
 * The one error type services throw. `code` is a stable snake_case identifier clients may branch
 * on; `status` is the HTTP status the error handler answers with; `message` is shown to people.
 * Services never see HTTP objects — the status is only a hint to the single error handler.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, message: string) => new AppError(code, 404, message);

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, message, details);
