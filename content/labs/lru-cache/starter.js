export class LRUCache {
  /** @param {number} capacity */
  constructor(capacity) {}

  /** @param {number} key @returns {number} */
  get(key) {
    return -1;
  }

  /** @param {number} key @param {number} value */
  put(key, value) {}
}
