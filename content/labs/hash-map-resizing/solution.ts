const INITIAL_CAPACITY = 8;
const MAX_LOAD_FACTOR = 0.75;

interface Entry<V> {
  key: string;
  value: V;
  hash: number;
}

/** 32-bit FNV-1a over the string's UTF-16 code units: cheap, and similar keys land far apart. */
function hashString(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function emptyBuckets<V>(count: number): Entry<V>[][] {
  return Array.from({ length: count }, () => []);
}

/**
 * Separate chaining over plain arrays. The capacity is a power of two, so `hash & (capacity - 1)`
 * picks the bucket; entries keep their hash so resizing never rehashes the strings.
 */
export class HashMap<V = unknown> {
  private buckets: Entry<V>[][] = emptyBuckets<V>(INITIAL_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.buckets.length;
  }

  set(key: string, value: V): void {
    const hash = hashString(key);
    const bucket = this.bucketFor(hash);
    const existing = bucket.find((entry) => entry.hash === hash && entry.key === key);
    if (existing) {
      existing.value = value; // overwrite: same entry, no resize
      return;
    }
    bucket.push({ key, value, hash });
    this.count += 1;
    if (this.count > this.buckets.length * MAX_LOAD_FACTOR) this.resize(this.buckets.length * 2);
  }

  get(key: string): V | undefined {
    const hash = hashString(key);
    return this.bucketFor(hash).find((entry) => entry.hash === hash && entry.key === key)?.value;
  }

  delete(key: string): boolean {
    const hash = hashString(key);
    const bucket = this.bucketFor(hash);
    const index = bucket.findIndex((entry) => entry.hash === hash && entry.key === key);
    if (index === -1) return false;
    // Order inside a bucket is irrelevant: fill the hole with the last entry.
    bucket[index] = bucket[bucket.length - 1];
    bucket.pop();
    this.count -= 1;
    return true;
  }

  private bucketFor(hash: number): Entry<V>[] {
    return this.buckets[hash & (this.buckets.length - 1)];
  }

  /** Re-places every entry under the new capacity: O(n) now, amortised O(1) per insert. */
  private resize(newCapacity: number): void {
    const buckets = emptyBuckets<V>(newCapacity);
    for (const bucket of this.buckets) {
      for (const entry of bucket) buckets[entry.hash & (newCapacity - 1)].push(entry);
    }
    this.buckets = buckets;
  }
}
