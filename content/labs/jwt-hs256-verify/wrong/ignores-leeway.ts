// Wrong: ignores leewaySeconds, so a few seconds of clock skew between servers rejects tokens that are still valid.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Reason = 'malformed' | 'alg_not_allowed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_audience';
export type VerifyResult = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: Reason };
export interface VerifyOptions {
  now: number;
  leewaySeconds?: number;
  audience?: string;
}

function decode(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function verifyJwt(token: string, secret: string, options: VerifyOptions): VerifyResult {
  const { now, audience } = options;
  if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p) || p.length % 4 === 1)) return { ok: false, reason: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  const header = decode(h);
  const payload = decode(p);
  if (!header || !payload) return { ok: false, reason: 'malformed' };
  const { exp, nbf } = payload;
  if ((exp !== undefined && typeof exp !== 'number') || (nbf !== undefined && typeof nbf !== 'number')) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'HS256') return { ok: false, reason: 'alg_not_allowed' };
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const actual = Buffer.from(s, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'bad_signature' };
  if (typeof exp === 'number' && now >= exp) return { ok: false, reason: 'expired' };
  if (typeof nbf === 'number' && now < nbf) return { ok: false, reason: 'not_yet_valid' };
  if (audience != null) {
    const aud = payload.aud;
    if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return { ok: false, reason: 'wrong_audience' };
  }
  return { ok: true, payload };
}
