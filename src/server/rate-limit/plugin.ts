import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import type { BucketPolicy, BucketStore } from './token-bucket.js';

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
  const result = await store.take(key, policy);
  reply.header('ratelimit-limit', policy.capacity);
  reply.header('ratelimit-remaining', result.remaining);
  reply.header('ratelimit-reset', result.resetSeconds);
  reply.header('ratelimit-policy', policyHeader(policy));
  if (!result.allowed) {
    reply.header('retry-after', result.retryAfterSeconds);
    throw new AppError('rate_limited', 429, `Too many requests. Try again in ${result.retryAfterSeconds} s.`);
  }
}
