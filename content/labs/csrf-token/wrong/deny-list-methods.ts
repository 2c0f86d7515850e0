// Wrong: lists the "unsafe" methods instead of the safe ones, so PATCH and any method not on the list skip the CSRF check.
import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: string, issuedAt: string, nonce: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`${issuedAt}.${nonce}.${sessionId}`).digest('base64url');
}

export function issueToken(sessionId: string, secret: string, now: number, random: (size: number) => Uint8Array): string {
  const nonce = Buffer.from(random(16)).toString('base64url');
  return `${now}.${nonce}.${mac(secret, String(now), nonce, sessionId)}`;
}

export function checkToken(token: string, sessionId: string, secret: string, now: number, maxAgeSeconds: number): boolean {
  const match = typeof token === 'string' ? /^(\d+)\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return false;
  const [, issuedAt, nonce, received] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(secret, issuedAt, nonce, sessionId));
  if (!timingSafeEqual(Buffer.from(received), expected)) return false;
  const age = now - Number(issuedAt);
  return age >= 0 && age <= maxAgeSeconds;
}

export function shouldCheck(method: string): boolean {
  return ['POST', 'PUT', 'DELETE'].includes(method);
}
