// Wrong: the HMAC covers only the issue time and nonce, not the session, so a token from the attacker's own session works in the victim's.
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (secret, issuedAt, nonce) => createHmac('sha256', secret).update(`${issuedAt}.${nonce}`).digest('base64url');

export function issueToken(sessionId, secret, now, random) {
  const nonce = Buffer.from(random(16)).toString('base64url');
  return `${now}.${nonce}.${sign(secret, now, nonce)}`;
}

export function checkToken(token, sessionId, secret, now, maxAgeSeconds) {
  const match = typeof token === 'string' ? /^(\d+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return false;
  const expected = Buffer.from(sign(secret, match[1], match[2]));
  const actual = Buffer.from(match[3]);
  if (!timingSafeEqual(actual, expected)) return false;
  const age = now - Number(match[1]);
  return age >= 0 && age <= maxAgeSeconds;
}

export function shouldCheck(method) {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}
