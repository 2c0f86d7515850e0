import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Hashed build output (`assets/index-3f9c1a.js`): its name changes whenever its bytes do. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;

/** A year, the longest lifetime caches honour; a hashed file never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** HTML may be cached but must be revalidated (an ETag round trip), so a new release shows at once. */
export const REVALIDATE = 'no-cache';

/**
 * Compression for every text response (API JSON, problem+json, HTML, the docs): brotli when the
 * client accepts it, else gzip, above 1 KB. Registered before the routes, since it hooks each route
 * as it is added. The built web app is precompressed at build time (`vite.config.ts`), so its files
 * are served as stored `.br`/`.gz` siblings and not compressed again per request.
 */
export const compression: FastifyPluginAsync = fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      // A GET or HEAD has no body to decompress (Fastify never parses one), so the decompression
      // hook would only cost every such request a step.
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.decompress === undefined && methods.every((method) => method === 'GET' || method === 'HEAD')) {
        route.decompress = false;
      }
      // Swagger UI's page has no viewport tag, so phones render it as a shrunken desktop page. Only
      // the routes that serve that page get the hook.
      if (route.url === '/docs' || route.url === '/docs/') {
        route.onSend = [...asArray(route.onSend), addViewport];
      }
    });
    await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  },
  { name: 'onsite-compression' },
);

function addViewport(
  request: FastifyRequest,
  _reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload: unknown) => void,
) {
  const page = request.url.split('?')[0];
  if ((page === '/docs' || page === '/docs/') && typeof payload === 'string' && !payload.includes('name="viewport"'))
    return done(
      null,
      payload.replace('<head>', '<head>\n<meta name="viewport" content="width=device-width, initial-scale=1">'),
    );
  done(null, payload);
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Serves the built web app: hashed assets immutable for a year, everything else (index.html,
 * favicon) revalidated on each use; precompressed variants when the client accepts them. Adds
 * `reply.sendFile`, which the not-found handler uses for the SPA's deep links.
 */
export const webAssets = fp<{ root: string }>(
  async (app, { root }) => {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', HASHED_ASSET.test(path.resolve(file)) ? IMMUTABLE : REVALIDATE);
      },
    });
  },
  { name: 'onsite-web-assets' },
);

/**
 * Swagger UI (`/docs`) options: the base layout, without the top bar whose logo has no text
 * alternative and whose URL box has no label (axe's two critical findings there), and a little CSS
 * that keeps the operations readable on a phone.
 */
export const DOCS_UI = {
  uiConfig: { layout: 'BaseLayout' },
  theme: {
    css: [
      {
        filename: 'onsite-docs.css',
        content:
          '@media (max-width: 720px) { .swagger-ui .wrapper { padding: 0 0.5rem; } ' +
          '.swagger-ui .opblock .opblock-summary { flex-wrap: wrap; } ' +
          '.swagger-ui .opblock .opblock-summary-path { max-width: 100%; word-break: break-all; } ' +
          '.swagger-ui table { display: block; overflow-x: auto; } }',
      },
    ],
  },
};
