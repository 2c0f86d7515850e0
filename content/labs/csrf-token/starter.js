import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @param {string} sessionId @param {string} secret @param {number} now
 * @param {(size: number) => Uint8Array} random
 * @returns {string}
 */
export function issueToken(sessionId, secret, now, random) {
  return '';
}

/**
 * @param {string} token @param {string} sessionId @param {string} secret
 * @param {number} now @param {number} maxAgeSeconds
 * @returns {boolean}
 */
export function checkToken(token, sessionId, secret, now, maxAgeSeconds) {
  return false;
}

/** @param {string} method @returns {boolean} */
export function shouldCheck(method) {
  return true;
}
