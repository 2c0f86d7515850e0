import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @param {string} token
 * @param {string} secret
 * @param {{ now: number, leewaySeconds?: number, audience?: string }} options
 * @returns {{ ok: true, payload: Record<string, unknown> } | { ok: false, reason: string }}
 */
export function verifyJwt(token, secret, { now, leewaySeconds = 0, audience }) {
  return { ok: false, reason: 'malformed' };
}
