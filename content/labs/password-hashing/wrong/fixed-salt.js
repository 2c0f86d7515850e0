// Wrong: one application-wide salt for every user, so equal passwords give equal hashes and one precomputed table cracks them all.
import { scryptSync, timingSafeEqual } from 'node:crypto';

const APP_SALT = Buffer.from('onsite-app-salt!'); // 16 bytes

export function hashPassword(password, params = { N: 16384, r: 8, p: 1 }) {
  const { N, r, p } = params;
  const hash = scryptSync(password, APP_SALT, 32, { N, r, p });
  return `scrypt$N=${N},r=${r},p=${p}$${APP_SALT.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password, stored) {
  try {
    const parts = String(stored).split('$');
    const [scheme, params, salt, hash] = parts;
    const match = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(params ?? '');
    if (parts.length !== 4 || scheme !== 'scrypt' || !match || salt === undefined || hash === undefined) return false;
    const expected = Buffer.from(hash, 'base64');
    const saltBytes = Buffer.from(salt, 'base64');
    if (expected.length !== 32 || saltBytes.length !== 16) return false;
    const candidate = scryptSync(password, saltBytes, 32, { N: +match[1], r: +match[2], p: +match[3] });
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
