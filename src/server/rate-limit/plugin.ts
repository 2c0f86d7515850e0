import type { FastifyReply } from 'fastify';
import { rateLimited } from '../errors.js';
import type { BucketPolicy, BucketStore, TakeResult } from './token-bucket.js';

/** Budgets. Sign-in, sign-up and reset are strict per client IP and per account; the API is generous. */
export const POLICIES = {
  authPerIp: { capacity: 10, refillPerSecond: 10 / 60 },
  authPerAccount: { capacity: 5, refillPerSecond: 5 / 300 },
  apiPerMinute: (perMinute: number): BucketPolicy => ({ capacity: perMinute, refillPerSecond: perMinute / 60 }),
} as const;

const policyHeaders = new WeakMap<BucketPolicy, string>();

/** `RateLimit-Policy` for a policy, worked out once per policy object. */
function policyHeader(policy: BucketPolicy): string {
  let header = policyHeaders.get(policy);
  if (header === undefined) {
    header = `${policy.capacity};w=${Math.round(policy.capacity / policy.refillPerSecond)}`;
    policyHeaders.set(policy, header);
  }
  return header;
}

/**
 * Takes one token from `key`'s bucket, sets the IETF RateLimit-* headers on the reply, and throws
 * `rate_limited` (429 with Retry-After) when the bucket is empty.
 */
export async function enforceRateLimit(
  store: BucketStore,
  reply: FastifyReply,
  key: string,
  policy: BucketPolicy,
): Promise<void> {
  applyTakeResult(reply, policy, await store.take(key, policy));
}

/**
 * `enforceRateLimit` for a store that answers at once (`takeNow`), without a promise; false, having
 * taken nothing, when the store must be waited for.
 */
export function enforceRateLimitNow(
  store: BucketStore,
  reply: FastifyReply,
  key: string,
  policy: BucketPolicy,
): boolean {
  if (!store.takeNow) return false;
  applyTakeResult(reply, policy, store.takeNow(key, policy));
  return true;
}

function applyTakeResult(reply: FastifyReply, policy: BucketPolicy, result: TakeResult): void {
  reply.header('ratelimit-limit', policy.capacity);
  reply.header('ratelimit-remaining', result.remaining);
  reply.header('ratelimit-reset', result.resetSeconds);
  reply.header('ratelimit-policy', policyHeader(policy));
  if (!result.allowed) {
    reply.header('retry-after', result.retryAfterSeconds);
    throw rateLimited(`Too many requests. Try again in ${result.retryAfterSeconds} s.`);
  }
}
