import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * @param {string} password
 * @param {{ N: number, r: number, p: number }} [params]
 * @returns {string}
 */
export function hashPassword(password, params = { N: 16384, r: 8, p: 1 }) {
  return '';
}

/** @param {string} password @param {string} stored @returns {boolean} */
export function verifyPassword(password, stored) {
  return false;
}

/** @param {string} stored @param {{ N: number, r: number, p: number }} currentParams @returns {boolean} */
export function needsRehash(stored, currentParams) {
  return true;
}
