// Wrong: resizing copies bucket i of the old table into bucket i of the new one instead of rehashing, so keys become unreachable.
function hashString(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class HashMap<V = unknown> {
  private buckets: [string, V][][] = Array.from({ length: 8 }, () => []);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.buckets.length;
  }

  private bucketFor(key: string): [string, V][] {
    return this.buckets[hashString(key) % this.buckets.length];
  }

  set(key: string, value: V): void {
    const bucket = this.bucketFor(key);
    const existing = bucket.find((entry) => entry[0] === key);
    if (existing) {
      existing[1] = value;
      return;
    }
    bucket.push([key, value]);
    this.count += 1;
    if (this.count > this.buckets.length * 0.75) {
      const bigger: [string, V][][] = Array.from({ length: this.buckets.length * 2 }, () => []);
      this.buckets.forEach((old, i) => bigger[i].push(...old));
      this.buckets = bigger;
    }
  }

  get(key: string): V | undefined {
    return this.bucketFor(key).find((entry) => entry[0] === key)?.[1];
  }

  delete(key: string): boolean {
    const bucket = this.bucketFor(key);
    const index = bucket.findIndex((entry) => entry[0] === key);
    if (index === -1) return false;
    bucket.splice(index, 1);
    this.count -= 1;
    return true;
  }
}
