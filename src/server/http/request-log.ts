import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { pino } from 'pino';

/**
 * `request.log`: the request's child logger, bound to its request id, made the first time it is
 * used. Fastify makes that child for every request, yet most requests log nothing but the line
 * written when they complete, which goes through the parent with the same binding (`completed`).
 */
class RequestLogger {
  private made?: FastifyBaseLogger;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: pino.Bindings,
    private readonly options: pino.ChildLoggerOptions,
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  fatal(...args: unknown[]): void {
    Reflect.apply(this.real.fatal, this.real, args);
  }

  error(...args: unknown[]): void {
    Reflect.apply(this.real.error, this.real, args);
  }

  warn(...args: unknown[]): void {
    Reflect.apply(this.real.warn, this.real, args);
  }

  info(...args: unknown[]): void {
    Reflect.apply(this.real.info, this.real, args);
  }

  debug(...args: unknown[]): void {
    Reflect.apply(this.real.debug, this.real, args);
  }

  trace(...args: unknown[]): void {
    Reflect.apply(this.real.trace, this.real, args);
  }

  silent(): void {}

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }

  /**
   * Writes the line the child would write for `fields` at `level`, through the parent unless the
   * child exists or the route gave it a level or serializers of its own.
   */
  completed(level: 'info' | 'error', fields: Record<string, unknown>, message: string): void {
    if (this.made || this.options.level !== undefined || this.options.serializers !== undefined) {
      this.real[level](fields, message);
    } else {
      this.parent[level]({ ...this.bindings, ...fields }, message);
    }
  }
}

/** Fastify's `childLoggerFactory`: a `RequestLogger` per request instead of a pino child. */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: pino.Bindings,
  options: pino.ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}

/**
 * One log line per request, when it completes, carrying what Fastify splits over two ("incoming
 * request" and "request completed"): request id, method, URL, client address, status and time.
 * Formatting and writing a log line is a large share of serving a small cached response.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line: Record<string, unknown> = {
      method: request.method,
      url: request.url,
      ip: request.ip,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) line.err = error;
    const level = error ? 'error' : 'info';
    const message = error ? 'request errored' : 'request completed';
    const log = reply.log as unknown;
    if (log instanceof RequestLogger) log.completed(level, line, message);
    else reply.log[level](line, message);
  }
}
