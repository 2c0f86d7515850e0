import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers every page (the web app, its assets, `/docs`) carries: CSP (`script-src
 * 'self'`, `frame-ancestors 'none'`, `object-src 'none'`), `nosniff`, `Referrer-Policy`, the
 * cross-origin policies and the rest of helmet's defaults. API responses carry a smaller set
 * (`API_SECURITY_HEADERS`); HSTS is added per request over TLS only (see `securityHeaders`).
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
 * The headers an API response (JSON, problem+json, metrics text) carries, after OWASP's REST
 * Security Cheat Sheet: such a response is data, never a document a browser renders, so the rest
 * of helmet's set (a CSP listing script and style sources, `Referrer-Policy`, the opener and
 * agent-cluster policies, `X-DNS-Prefetch-Control`, `X-Download-Options`,
 * `X-Permitted-Cross-Domain-Policies`, `X-XSS-Protection`) governs nothing it does. What does
 * matter: `nosniff`, so it is never read as script, style or HTML; a CSP that allows nothing, and
 * `X-Frame-Options`, should it be opened or framed as a page; and `Cross-Origin-Resource-Policy`,
 * so another site cannot load it into its own process with a `<script>` or `<img>` tag.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
});

/** Route URLs that answer with data rather than pages: the API, its description, probes and metrics. */
function isApiRouteUrl(url: string): boolean {
  return (
    url === '/v1' ||
    url.startsWith('/v1/') ||
    url === '/openapi.json' ||
    url === '/healthz' ||
    url === '/readyz' ||
    url === '/metrics'
  );
}

declare module 'fastify' {
  interface FastifyReply {
    /** Replaces the API's security headers with the full set a page needs (see `securityHeaders`). */
    sendsPage(): FastifyReply;
  }
}

/**
 * Sets, in one hook before any route or error handler runs, the API's security headers
 * (`API_SECURITY_HEADERS`), the request id (`X-Request-Id`) and, over TLS, HSTS: one hook instead
 * of three, as every request runs it. Every route whose URL is not the API's (the web app, its
 * assets, `/docs`) gets, through a hook of its own, the full set `options` makes — helmet's
 * headers worked out once — and so does a page the not-found handler serves
 * (`reply.sendsPage()`). A response nothing marks as a page keeps the API's set, whose CSP allows
 * nothing: a page that missed its marking would fail to load, not load unprotected.
 */
export const securityHeaders = fp<{ options: Readonly<HelmetOptions> }>(
  async (app: FastifyInstance, { options }) => {
    const pageHeaders = computeSecurityHeaders(options);
    function sendsPage(this: FastifyReply): FastifyReply {
      return this.headers(pageHeaders);
    }
    app.decorateReply('sendsPage', sendsPage);
    const pageHook = (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      reply.headers(pageHeaders);
      done();
    };
    app.addHook('onRoute', (route) => {
      if (isApiRouteUrl(route.url)) return;
      route.onRequest = [pageHook, ...asArray(route.onRequest)];
    });
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(API_SECURITY_HEADERS);
      reply.header('x-request-id', request.id);
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      done();
    });
  },
  { name: 'onsite-security-headers' },
);

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
