import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const FORMAT = /^scrypt\$N=(\d{1,10}),r=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

/** The stored string is untrusted: anything but exactly our format parses to null. */
function parse(stored: unknown): Parsed | null {
  const match = typeof stored === 'string' ? FORMAT.exec(stored) : null;
  if (!match) return null;
  const [, n, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  return {
    params: { N: Number(n), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

export function hashPassword(password: string, params: ScryptParams = { N: 16384, r: 8, p: 1 }): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(password, salt, HASH_BYTES, { N: params.N, r: params.r, p: params.p });
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed || parsed.salt.length !== SALT_BYTES || parsed.hash.length !== HASH_BYTES) return false;
  let candidate: Buffer;
  try {
    candidate = scryptSync(password, parsed.salt, HASH_BYTES, parsed.params);
  } catch {
    // Invalid parameters or a memory demand above Node's default cap: not a hash we can accept.
    return false;
  }
  return timingSafeEqual(candidate, parsed.hash);
}

export function needsRehash(stored: string, currentParams: ScryptParams): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N !== currentParams.N || r !== currentParams.r || p !== currentParams.p;
}
