// Wrong: derives as many bytes as the stored hash has, so a truncated (or empty) hash in the row is accepted for the right prefix, or for any password.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export function hashPassword(password, params = { N: 16384, r: 8, p: 1 }) {
  const { N, r, p } = params;
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N, r, p });
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password, stored) {
  try {
    const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]*)$/.exec(String(stored));
    if (!match) return false;
    const salt = Buffer.from(match[4], 'base64');
    const expected = Buffer.from(match[5], 'base64');
    const candidate = scryptSync(password, salt, expected.length, { N: +match[1], r: +match[2], p: +match[3] });
    return timingSafeEqual(candidate, expected);
  } catch {
    return false;
  }
}

export function needsRehash(stored, currentParams) {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$/.exec(String(stored));
  if (!match) return true;
  return +match[1] !== currentParams.N || +match[2] !== currentParams.r || +match[3] !== currentParams.p;
}
