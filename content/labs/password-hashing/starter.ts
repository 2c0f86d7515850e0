import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export function hashPassword(password: string, params: ScryptParams = { N: 16384, r: 8, p: 1 }): string {
  return '';
}

export function verifyPassword(password: string, stored: string): boolean {
  return false;
}

export function needsRehash(stored: string, currentParams: ScryptParams): boolean {
  return true;
}
