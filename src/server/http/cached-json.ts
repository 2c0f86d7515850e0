import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Below this many bytes a body is sent as it is: compressing it would save less than it costs. */
const COMPRESS_THRESHOLD = 1024;

/**
 * A JSON response body serialised and encoded to UTF-8 once, its strong validator and its
 * compressed forms (made on first use). Only for content that is the same for every caller: the
 * ETag is derived from the bytes alone, so a body that depended on the user would leak through a
 * shared validator.
 *
 * Every form is bytes, never a string: a string body is measured (`Content-Length`) and encoded
 * again on every response. The curriculum's strings are cut from files that hold non-ASCII text,
 * so V8 keeps them, and the JSON made of them, at two bytes a character even where every character
 * is ASCII; measuring and encoding that per response cost more than the rest of the route.
 */
export class CachedJson {
  /** The body as sent without compression. */
  readonly utf8: Buffer;
  /** The opaque part of the ETag: a digest of the body. */
  readonly tag: string;
  /** The `ETag` header of each encoding, quoted once here rather than on every response. */
  readonly etags: Readonly<Record<Encoding, string>>;
  private brotli?: Buffer;
  private gzip?: Buffer;

  constructor(value: unknown) {
    this.utf8 = Buffer.from(JSON.stringify(value));
    this.tag = createHash('sha256').update(this.utf8).digest('base64url').slice(0, 27);
    this.etags = { identity: `"${this.tag}"`, br: `"${this.tag}-br"`, gzip: `"${this.tag}-gzip"` };
  }

  /** The body for `encoding`, compressed the first time it is asked for. */
  encoded(encoding: Encoding): Buffer {
    if (encoding === 'br') {
      this.brotli ??= brotliCompressSync(this.utf8, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } });
      return this.brotli;
    }
    if (encoding === 'gzip') {
      this.gzip ??= gzipSync(this.utf8);
      return this.gzip;
    }
    return this.utf8;
  }
}

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * A bounded map of cached bodies, for routes whose answer depends only on their (validated) input.
 * When full, an entry not used for longest goes, so free-text queries cannot grow it without bound.
 * "Longest" is kept the CLOCK way: a hit only marks its entry used; making room walks the entries
 * oldest first, evicting the first one not used since the walk last passed it and moving each used
 * one to the back unmarked. Reordering the map on every hit instead (delete, then set) cost each
 * cached answer a rehash of the map every so often.
 */
export class JsonCache {
  private readonly entries = new Map<string, { body: CachedJson; used: boolean }>();

  constructor(private readonly capacity: number) {}

  /** The cached body for `key`, built by `build` on a miss; a `build` that throws caches nothing. */
  get(key: string, build: () => unknown): CachedJson {
    const found = this.entries.get(key);
    if (found) {
      found.used = true;
      return found.body;
    }
    const body = new CachedJson(build());
    while (this.entries.size >= this.capacity) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      if (oldest.used) {
        oldest.used = false;
        this.entries.set(oldestKey, oldest);
      }
    }
    this.entries.set(key, { body, used: false });
    return body;
  }
}

/**
 * Sends a cached body with its ETag — strong, one per encoding (`"<digest>"`, `"<digest>-br"`,
 * `"<digest>-gzip"`), since the encoded bytes differ — and `Cache-Control: no-cache`, so clients
 * revalidate every time and get `304 Not Modified` with no body when `If-None-Match` names the
 * body in any encoding. Bodies of 1 KB or more are compressed (brotli preferred, else gzip) once,
 * not per request.
 */
export function sendCachedJson(request: FastifyRequest, reply: FastifyReply, body: CachedJson): FastifyReply {
  const large = body.utf8.length >= COMPRESS_THRESHOLD;
  const encoding = large ? negotiateEncoding(request.headers['accept-encoding']) : 'identity';
  reply.header('cache-control', 'no-cache');
  if (large) reply.header('vary', 'accept-encoding');
  reply.header('etag', body.etags[encoding]);
  if (matchesIfNoneMatch(request.headers['if-none-match'], body.tag)) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.type('application/json; charset=utf-8').send(body.encoded(encoding));
}

/** True when an `If-None-Match` list names `tag` (weak comparison, any encoding suffix) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const candidate = raw.trim();
    if (candidate === '*') return true;
    const opaque = candidate.replace(/^W\//, '').replace(/^"|"$/g, '');
    return opaque === tag || opaque === `${tag}-br` || opaque === `${tag}-gzip`;
  });
}

/** The client's preferred of brotli and gzip by its `Accept-Encoding` q-values; brotli on a tie. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const encoding: Encoding | null = name === 'br' ? 'br' : name === 'gzip' || name === 'x-gzip' ? 'gzip' : null;
    if (!encoding) continue;
    if (q > bestQ || (q === bestQ && encoding === 'br')) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}
