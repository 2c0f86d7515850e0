import { createHmac, timingSafeEqual } from 'node:crypto';

const NONCE_BYTES = 16;
const TOKEN = /^(\d+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
// Safe methods must not change state, so they need no token. Everything else, known or not, does.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session id is part of the signed message: that is what binds the token to one session. */
function mac(secret, issuedAt, nonce, sessionId) {
  return createHmac('sha256', secret).update(`${issuedAt}.${nonce}.${sessionId}`).digest();
}

export function issueToken(sessionId, secret, now, random) {
  const issuedAt = String(now);
  const nonce = Buffer.from(random(NONCE_BYTES)).toString('base64url');
  return `${issuedAt}.${nonce}.${mac(secret, issuedAt, nonce, sessionId).toString('base64url')}`;
}

export function checkToken(token, sessionId, secret, now, maxAgeSeconds) {
  const match = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!match) return false;
  const [, issuedAt, nonce, received] = match;
  // Sign the parts exactly as received: re-formatting issuedAt could accept a string we never issued.
  // Compare the encoded text, not decoded bytes: the decoder ignores the last character's spare bits,
  // so decoding first would accept a few different spellings of the same MAC.
  const expected = Buffer.from(mac(secret, issuedAt, nonce, sessionId).toString('base64url'));
  const actual = Buffer.from(received);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  const age = now - Number(issuedAt);
  return age >= 0 && age <= maxAgeSeconds;
}

export function shouldCheck(method) {
  return !SAFE_METHODS.has(method);
}
