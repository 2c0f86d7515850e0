// Wrong: treats "alg": "none" with an empty signature as an unsigned but acceptable token, so anyone can mint tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';

function decode(segment) {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function verifyJwt(token, secret, { now, leewaySeconds = 0, audience } = {}) {
  if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p) || p.length % 4 === 1)) return { ok: false, reason: 'malformed' };
  const header = decode(parts[0]);
  const payload = decode(parts[1]);
  if (!header || !payload) return { ok: false, reason: 'malformed' };
  for (const claim of ['exp', 'nbf']) {
    if (claim in payload && typeof payload[claim] !== 'number') return { ok: false, reason: 'malformed' };
  }
  if (header.alg === 'none') {
    if (parts[2] !== '') return { ok: false, reason: 'bad_signature' };
  } else if (header.alg !== 'HS256') {
    return { ok: false, reason: 'alg_not_allowed' };
  } else {
    const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
    const actual = Buffer.from(parts[2], 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'bad_signature' };
  }
  if ('exp' in payload && now >= payload.exp + leewaySeconds) return { ok: false, reason: 'expired' };
  if ('nbf' in payload && now < payload.nbf - leewaySeconds) return { ok: false, reason: 'not_yet_valid' };
  if (audience != null) {
    const aud = payload.aud;
    if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return { ok: false, reason: 'wrong_audience' };
  }
  return { ok: true, payload };
}
