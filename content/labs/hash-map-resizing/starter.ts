/** A string-keyed hash map built on plain arrays (no Map, Set or object used as a map). */
export class HashMap<V = unknown> {
  /** Number of keys stored. */
  get size(): number {
    return 0;
  }

  /** Number of buckets (or slots), starting at 8. */
  get capacity(): number {
    return 8;
  }

  set(key: string, value: V): void {}

  /** The value, or undefined if the key is absent. */
  get(key: string): V | undefined {
    return undefined;
  }

  /** Whether a key was removed. */
  delete(key: string): boolean {
    return false;
  }
}
