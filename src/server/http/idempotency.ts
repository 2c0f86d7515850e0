import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import { invalid, conflict, unprocessable } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: honour an Idempotency-Key header. */
    idempotent?: boolean;
    /**
     * The response carries a secret shown only once (a new API token): it is never stored, and a
     * retry with the same key answers `409 idempotency_secret_not_replayed` instead of replaying it.
     */
    responseHoldsSecret?: boolean;
  }
  interface FastifyRequest {
    /** The claim this request holds; `claimedAt` tells it apart from a later takeover of the same key. */
    idempotency: { owner: string; key: string; claimedAt: Date } | null;
  }
}

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const RETENTION_MS = 24 * 3_600_000;
/**
 * How long a claim may stay in progress before a retry with the same key takes it over: the backstop
 * for a claim its request could not settle (the process died, or the database stayed away for this
 * long). No create route runs anywhere near this long, so a live first request is never taken over.
 */
export const IDEMPOTENCY_CLAIM_TIMEOUT_MS = 60_000;
/** What `409 idempotency_in_progress` tells a client to wait: claims are settled within about this. */
export const IDEMPOTENCY_RETRY_AFTER_SECONDS = 1;
/** The first pause before settling a claim again, doubled on each failure up to the maximum. */
const SETTLE_RETRY_MS = { first: 100, max: 2_000 } as const;

/**
 * `Idempotency-Key` for creating POSTs. The first request with a key runs and its response is
 * stored; a retry with the same key and body gets that response again (with
 * `Idempotent-Replayed: true`) and creates nothing. The same key with a different body is 422; a
 * retry while the first is still running is 409 `idempotency_in_progress` with `Retry-After`, until
 * the claim is older than `IDEMPOTENCY_CLAIM_TIMEOUT_MS`: then the retry takes it over and runs.
 * Server errors are not stored: their claim is released, so they can be retried. Keys are scoped to
 * the user (or the client IP when signed out) and kept for 24 hours. A response holding a secret is
 * never stored (see `responseHoldsSecret`).
 *
 * A claim whose settling (release or record) fails, as when the database went away with the
 * request, is settled again in the background until it lands or the claim timeout passes, so a
 * retry waits about `Retry-After`, not the timeout.
 */
async function idempotencyPlugin(app: FastifyInstance, { db, now }: { db: Db; now: () => Date }): Promise<void> {
  app.decorateRequest('idempotency', null);
  let closing = false;
  app.addHook('onClose', async () => {
    // A claim still unsettled is left to the claim timeout rather than holding the process open.
    closing = true;
  });

  // Attached only to the routes that declare `idempotent`, so every other request skips both hooks.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [...asArray(route.preHandler), replayOrClaim];
    // Before compression's own onSend, so the stored body is the JSON as written.
    route.onSend = [recordResponse, ...asArray(route.onSend)];
  });

  async function replayOrClaim(request: FastifyRequest, reply: FastifyReply) {
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      throw invalid('invalid_idempotency_key', 'Idempotency-Key must be 1–255 printable ASCII characters.');
    }
    const owner = request.auth ? request.auth.user.id : `ip:${request.ip}`;
    const requestHash = createHash('sha256')
      .update(
        // The matched route and decoded parameters, so every spelling of one URL is one request.
        `${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.params ?? null)}\n` +
          `${JSON.stringify(request.query ?? null)}\n${JSON.stringify(request.body ?? null)}`,
      )
      .digest('hex');

    await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now().getTime() - RETENTION_MS)));
    const claimedAt = now();
    // Held before the insert: if its answer is lost (the connection dropped after the commit), the
    // claim it may have stored is still released with the error response.
    request.idempotency = { owner, key, claimedAt };
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ owner, key, requestHash, createdAt: claimedAt })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return;
    request.idempotency = null;
    const [previous] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
    if (!previous) throw conflict('idempotency_conflict', 'Retry the request.');
    if (previous.requestHash !== requestHash) {
      throw unprocessable('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
    }
    if (previous.status === null) {
      request.idempotency = { owner, key, claimedAt };
      const takenOver = await db
        .update(idempotencyKeys)
        .set({ createdAt: claimedAt })
        .where(
          and(
            eq(idempotencyKeys.owner, owner),
            eq(idempotencyKeys.key, key),
            isNull(idempotencyKeys.status),
            // Re-checked on the locked row, so of two retries racing for one stale claim only the
            // first takes it: the second sees the claim the first just renewed.
            lt(idempotencyKeys.createdAt, new Date(now().getTime() - IDEMPOTENCY_CLAIM_TIMEOUT_MS)),
          ),
        )
        .returning({ key: idempotencyKeys.key });
      if (takenOver.length > 0) return;
      request.idempotency = null;
      reply.header('retry-after', IDEMPOTENCY_RETRY_AFTER_SECONDS);
      throw conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.');
    }
    if (request.routeOptions.config.responseHoldsSecret && previous.status < 300) {
      throw conflict(
        'idempotency_secret_not_replayed',
        'The first request with this Idempotency-Key already succeeded; its secret was shown once and is not stored. List what you have to find it.',
      );
    }
    reply.header('idempotent-replayed', 'true');
    return reply.code(previous.status).type('application/json; charset=utf-8').send(previous.body);
  }

  async function recordResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    // Only this request's claim: after a takeover the row has another `createdAt` and is left alone.
    const ours = and(
      eq(idempotencyKeys.owner, claim.owner),
      eq(idempotencyKeys.key, claim.key),
      eq(idempotencyKeys.createdAt, claim.claimedAt),
      isNull(idempotencyKeys.status),
    );
    const stored =
      typeof payload === 'string' && !(request.routeOptions.config.responseHoldsSecret && reply.statusCode < 300)
        ? payload
        : null;
    const settle = async () => {
      if (reply.statusCode >= 500) await db.delete(idempotencyKeys).where(ours);
      else await db.update(idempotencyKeys).set({ status: reply.statusCode, body: stored }).where(ours);
    };
    // The response stands even if settling the claim fails (the database just went away): answering
    // with that error instead would replace the real answer and leak the SQL.
    try {
      await settle();
    } catch (error) {
      request.log.warn({ err: error, idempotencyKey: claim.key }, 'idempotency: could not settle the claim; retrying');
      void settleInBackground(settle, request, claim.key);
    }
    return payload;
  }

  /** Retries `settle` with backoff until it lands, the claim could be taken over anyway, or the app closes. */
  async function settleInBackground(settle: () => Promise<void>, request: FastifyRequest, key: string) {
    const giveUpAt = Date.now() + IDEMPOTENCY_CLAIM_TIMEOUT_MS;
    for (let pause: number = SETTLE_RETRY_MS.first; !closing && Date.now() < giveUpAt;) {
      await delay(pause, undefined, { ref: false });
      pause = Math.min(pause * 2, SETTLE_RETRY_MS.max);
      try {
        await settle();
        request.log.info({ idempotencyKey: key }, 'idempotency: claim settled after a retry');
        return;
      } catch {
        // still away; try again after the pause
      }
    }
    request.log.warn({ idempotencyKey: key }, 'idempotency: claim left to its timeout');
  }
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export const idempotency = fp(idempotencyPlugin, { name: 'onsite-idempotency', dependencies: ['onsite-auth'] });
