/** A string-keyed hash map built on plain arrays (no Map, Set or object used as a map). */
export class HashMap {
  constructor() {}

  /** @returns {number} number of keys stored */
  get size() {
    return 0;
  }

  /** @returns {number} number of buckets (or slots), starting at 8 */
  get capacity() {
    return 8;
  }

  /** @param {string} key @param {unknown} value */
  set(key, value) {}

  /** @param {string} key @returns {unknown} the value, or undefined if absent */
  get(key) {
    return undefined;
  }

  /** @param {string} key @returns {boolean} whether a key was removed */
  delete(key) {
    return false;
  }
}
