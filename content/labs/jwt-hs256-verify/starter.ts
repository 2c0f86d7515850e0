import { createHmac, timingSafeEqual } from 'node:crypto';

export type Reason = 'malformed' | 'alg_not_allowed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_audience';

export type VerifyResult = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: Reason };

export interface VerifyOptions {
  now: number;
  leewaySeconds?: number;
  audience?: string;
}

export function verifyJwt(token: string, secret: string, options: VerifyOptions): VerifyResult {
  return { ok: false, reason: 'malformed' };
}
