const INITIAL_CAPACITY = 8;
const MAX_LOAD_FACTOR = 0.75;

/** 32-bit FNV-1a over the string's UTF-16 code units: cheap, and similar keys land far apart. */
function hashString(key) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Separate chaining: each bucket is a small array of entries. The capacity is always a power of two,
 * so `hash & (capacity - 1)` picks the bucket. Each entry keeps its hash so a resize never rehashes
 * the string again.
 */
export class HashMap {
  #buckets = HashMap.#emptyBuckets(INITIAL_CAPACITY);
  #size = 0;

  static #emptyBuckets(count) {
    return Array.from({ length: count }, () => []);
  }

  get size() {
    return this.#size;
  }

  get capacity() {
    return this.#buckets.length;
  }

  set(key, value) {
    const hash = hashString(key);
    const bucket = this.#buckets[hash & (this.#buckets.length - 1)];
    for (const entry of bucket) {
      if (entry.hash === hash && entry.key === key) {
        entry.value = value; // overwrite: no new entry, no resize
        return;
      }
    }
    bucket.push({ key, value, hash });
    this.#size += 1;
    if (this.#size > this.#buckets.length * MAX_LOAD_FACTOR) this.#resize(this.#buckets.length * 2);
  }

  get(key) {
    const hash = hashString(key);
    const bucket = this.#buckets[hash & (this.#buckets.length - 1)];
    for (const entry of bucket) if (entry.hash === hash && entry.key === key) return entry.value;
    return undefined;
  }

  delete(key) {
    const hash = hashString(key);
    const bucket = this.#buckets[hash & (this.#buckets.length - 1)];
    for (let i = 0; i < bucket.length; i++) {
      if (bucket[i].hash === hash && bucket[i].key === key) {
        // Order inside a bucket does not matter: move the last entry into the hole.
        bucket[i] = bucket[bucket.length - 1];
        bucket.pop();
        this.#size -= 1;
        return true;
      }
    }
    return false;
  }

  /** Every entry moves to the bucket its hash selects under the new capacity: O(n), amortised O(1) per insert. */
  #resize(newCapacity) {
    const buckets = HashMap.#emptyBuckets(newCapacity);
    for (const bucket of this.#buckets) {
      for (const entry of bucket) buckets[entry.hash & (newCapacity - 1)].push(entry);
    }
    this.#buckets = buckets;
  }
}
