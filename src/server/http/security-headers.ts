import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers every response carries: CSP (`script-src 'self'`, `frame-ancestors 'none'`,
 * `object-src 'none'`), `nosniff`, `Referrer-Policy`, the cross-origin policies and the rest of
 * helmet's defaults. HSTS is added per request over TLS only (see `securityHeaders`).
 */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  hsts: false,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets for `options`, worked out once. With no nonces and no per-request
 * directive functions they are the same for every request, whereas `@fastify/helmet` rebuilds
 * helmet's middleware (parsing every CSP directive) on each request — a tenth of a catalog read.
 */
export function computeSecurityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

/** HSTS, sent only on responses that arrived over TLS (directly, or via a trusted proxy). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Sets, in one hook before any route or error handler runs, the precomputed security headers, the
 * request id (`X-Request-Id`) and, over TLS, HSTS: one hook instead of three, as every request
 * runs it.
 */
export const securityHeaders = fp<{ options: Readonly<HelmetOptions> }>(
  async (app: FastifyInstance, { options }) => {
    const headers = computeSecurityHeaders(options);
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(headers);
      reply.header('x-request-id', request.id);
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      done();
    });
  },
  { name: 'onsite-security-headers' },
);
