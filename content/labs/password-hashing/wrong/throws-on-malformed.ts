// Wrong: trusts the stored string's shape, so a corrupt row makes verify throw (a 500 on the login page) instead of returning false.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } {
  const [, costs, salt, hash] = stored.split('$');
  const values = Object.fromEntries(costs!.split(',').map((pair) => pair.split('=')));
  return {
    params: { N: Number(values.N), r: Number(values.r), p: Number(values.p) },
    salt: Buffer.from(salt!, 'base64'),
    hash: Buffer.from(hash!, 'base64'),
  };
}

export function hashPassword(password: string, params: ScryptParams = { N: 16384, r: 8, p: 1 }): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: params.N, r: params.r, p: params.p });
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  if (!stored.startsWith('scrypt$')) return false;
  const { params, salt, hash } = parse(stored);
  if (hash.length !== 32) return false;
  return timingSafeEqual(scryptSync(password, salt, 32, params), hash);
}

export function needsRehash(stored: string, currentParams: ScryptParams): boolean {
  if (!stored.startsWith('scrypt$')) return true;
  const { params } = parse(stored);
  return params.N !== currentParams.N || params.r !== currentParams.r || params.p !== currentParams.p;
}
