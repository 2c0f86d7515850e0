import { createHmac, timingSafeEqual } from 'node:crypto';

const NONCE_BYTES = 16;
const TOKEN = /^(\d+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** HMAC over issue time, nonce and session: changing any of them, or the session, breaks it. */
function mac(secret: string, issuedAt: string, nonce: string, sessionId: string): Buffer {
  return createHmac('sha256', secret).update(`${issuedAt}.${nonce}.${sessionId}`).digest();
}

export function issueToken(sessionId: string, secret: string, now: number, random: (size: number) => Uint8Array): string {
  const issuedAt = String(now);
  const nonce = Buffer.from(random(NONCE_BYTES)).toString('base64url');
  return `${issuedAt}.${nonce}.${mac(secret, issuedAt, nonce, sessionId).toString('base64url')}`;
}

export function checkToken(token: string, sessionId: string, secret: string, now: number, maxAgeSeconds: number): boolean {
  // Tokens arrive in form fields and headers: check the type at runtime too.
  const match = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!match) return false;
  const [, issuedAt, nonce, received] = match as unknown as [string, string, string, string];
  // Compare the encoded text, not decoded bytes: the decoder ignores the last character's spare bits,
  // so decoding first would accept a few different spellings of the same MAC.
  const expected = Buffer.from(mac(secret, issuedAt, nonce, sessionId).toString('base64url'));
  const actual = Buffer.from(received);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  const age = now - Number(issuedAt);
  return age >= 0 && age <= maxAgeSeconds;
}

export function shouldCheck(method: string): boolean {
  return !SAFE_METHODS.has(method);
}
