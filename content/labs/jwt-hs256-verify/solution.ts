import { createHmac, timingSafeEqual } from 'node:crypto';

export type Reason = 'malformed' | 'alg_not_allowed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_audience';

export type VerifyResult = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: Reason };

export interface VerifyOptions {
  now: number;
  leewaySeconds?: number;
  audience?: string;
}

type Json = Record<string, unknown>;

const SEGMENT = /^[A-Za-z0-9_-]*$/;

const fail = (reason: Reason): VerifyResult => ({ ok: false, reason });

/** An optional numeric claim: undefined if absent, null if present but not a finite number. */
function timeClaim(payload: Json, name: string): number | undefined | null {
  const value = payload[name];
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function decodeObject(segment: string): Json | null {
  if (segment === '') return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url'));
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

export function verifyJwt(token: string, secret: string, options: VerifyOptions): VerifyResult {
  const { now, leewaySeconds = 0, audience } = options;
  if (typeof token !== 'string') return fail('malformed');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part) && part.length % 4 !== 1)) return fail('malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeObject(headerPart);
  const payload = decodeObject(payloadPart);
  if (!header || !payload) return fail('malformed');
  const exp = timeClaim(payload, 'exp');
  const nbf = timeClaim(payload, 'nbf');
  if (exp === null || nbf === null) return fail('malformed');

  // Never let the token choose the algorithm: that is how "alg: none" and key confusion get in.
  if (header.alg !== 'HS256') return fail('alg_not_allowed');

  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return fail('bad_signature');

  if (exp !== undefined && now >= exp + leewaySeconds) return fail('expired');
  if (nbf !== undefined && now < nbf - leewaySeconds) return fail('not_yet_valid');
  if (audience !== undefined && audience !== null) {
    const aud = payload.aud;
    const matches = typeof aud === 'string' ? aud === audience : Array.isArray(aud) && aud.includes(audience);
    if (!matches) return fail('wrong_audience');
  }
  return { ok: true, payload };
}
