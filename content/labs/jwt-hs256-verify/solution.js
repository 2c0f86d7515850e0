import { createHmac, timingSafeEqual } from 'node:crypto';

const SEGMENT = /^[A-Za-z0-9_-]*$/;
const fail = (reason) => ({ ok: false, reason });
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);

/** Decodes a base64url segment holding a JSON object, or returns null. */
function decodeObject(segment) {
  if (segment === '') return null;
  try {
    // fatal: invalid UTF-8 is an error rather than silently replaced characters.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url'));
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function verifyJwt(token, secret, { now, leewaySeconds = 0, audience } = {}) {
  // 1. Structure. Buffer's base64url decoder also accepts "+", "/" and "=", so check the alphabet first.
  if (typeof token !== 'string') return fail('malformed');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part) && part.length % 4 !== 1)) return fail('malformed');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeObject(headerPart);
  const payload = decodeObject(payloadPart);
  if (!header || !payload) return fail('malformed');
  if ((payload.exp !== undefined && !isNumber(payload.exp)) || (payload.nbf !== undefined && !isNumber(payload.nbf))) {
    return fail('malformed');
  }

  // 2. The verifier decides the algorithm; the header only gets to agree with it.
  if (header.alg !== 'HS256') return fail('alg_not_allowed');

  // 3. Signature over the segments exactly as received, compared in constant time.
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return fail('bad_signature');

  // 4–6. Claims, only now that we know the issuer wrote them.
  if (payload.exp !== undefined && now >= payload.exp + leewaySeconds) return fail('expired');
  if (payload.nbf !== undefined && now < payload.nbf - leewaySeconds) return fail('not_yet_valid');
  if (audience !== undefined && audience !== null) {
    const aud = payload.aud;
    const matches = typeof aud === 'string' ? aud === audience : Array.isArray(aud) && aud.includes(audience);
    if (!matches) return fail('wrong_audience');
  }
  return { ok: true, payload };
}
