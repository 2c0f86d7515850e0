export interface HandlerResponse {
  status: number;
  body: unknown;
}

export type Handler = (body: unknown) => Promise<HandlerResponse>;

export interface IdempotencyOptions {
  ttlMs?: number;
  /** Current time in milliseconds. */
  now?: () => number;
}

export interface IdempotentHandler {
  handle(key: string, body: unknown): Promise<HandlerResponse>;
}

export function createIdempotentHandler(handler: Handler, options: IdempotencyOptions = {}): IdempotentHandler {
  return {
    async handle(key: string, body: unknown): Promise<HandlerResponse> {
      return handler(body);
    },
  };
}
