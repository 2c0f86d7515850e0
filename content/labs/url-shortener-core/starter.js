export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** @param {number} n @returns {string} */
export function encodeBase62(n) {
  return '';
}

/** @param {string} code @returns {number} */
export function decodeBase62(code) {
  return 0;
}

export class Shortener {
  /** @param {{ nextId?: () => number }} [options] */
  constructor({ nextId } = {}) {}

  /** @param {string} url @param {string} [alias] @returns {string | null} */
  shorten(url, alias) {
    return null;
  }

  /** @param {string} code @returns {{ status: number, location: string | null }} */
  resolve(code) {
    return { status: 404, location: null };
  }

  /** @param {string} code @returns {number} */
  clicks(code) {
    return 0;
  }
}
