import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const DEFAULTS = { N: 16384, r: 8, p: 1 };
// The whole stored string, strictly: 16 bytes of base64 is 22 characters plus "==", 32 bytes is 43 plus "=".
const FORMAT = /^scrypt\$N=(\d{1,10}),r=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

/** Parses a stored string, or returns null if it is not exactly our format. */
function parse(stored) {
  const match = typeof stored === 'string' ? FORMAT.exec(stored) : null;
  if (!match) return null;
  return {
    params: { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) },
    salt: Buffer.from(match[4], 'base64'),
    hash: Buffer.from(match[5], 'base64'),
  };
}

export function hashPassword(password, params = DEFAULTS) {
  const { N, r, p } = params;
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(password, salt, HASH_BYTES, { N, r, p });
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password, stored) {
  const parsed = parse(stored);
  if (!parsed || parsed.salt.length !== SALT_BYTES || parsed.hash.length !== HASH_BYTES) return false;
  let candidate;
  try {
    // scryptSync throws for N that is not a power of two, zero r or p, or more than 32 MiB of memory.
    candidate = scryptSync(password, parsed.salt, HASH_BYTES, parsed.params);
  } catch {
    return false;
  }
  // Both buffers are HASH_BYTES long, which timingSafeEqual requires.
  return timingSafeEqual(candidate, parsed.hash);
}

export function needsRehash(stored, currentParams) {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N !== currentParams.N || r !== currentParams.r || p !== currentParams.p;
}
