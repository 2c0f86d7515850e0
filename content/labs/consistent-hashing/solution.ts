const encoder = new TextEncoder();

/**
 * The ring's hash: 32-bit FNV-1a over the UTF-8 bytes of `text`, then murmur3's finaliser so that
 * similar labels ("cache-1#7", "cache-1#8") land far apart. Returns an unsigned 32-bit integer.
 */
export function ringHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193); // multiply modulo 2^32
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface HashRingOptions {
  vnodes?: number;
  hash?: (text: string) => number;
}

export class HashRing {
  private readonly vnodes: number;
  private readonly hash: (text: string) => number;
  private readonly members = new Set<string>();
  /** Parallel arrays sorted by (position, label); typed positions keep the search cache-friendly. */
  private positions = new Float64Array(0);
  private owners: string[] = [];
  private labels: string[] = [];

  constructor({ vnodes = 100, hash = ringHash }: HashRingOptions = {}) {
    this.vnodes = vnodes;
    this.hash = hash;
  }

  addNode(node: string): void {
    if (this.members.has(node)) return;
    this.members.add(node);
    const entries = this.owners.map((owner, i) => ({ position: this.positions[i], label: this.labels[i], owner }));
    for (let i = 0; i < this.vnodes; i++) {
      const label = `${node}#${i}`;
      entries.push({ position: this.hash(label), label, owner: node });
    }
    entries.sort((a, b) => a.position - b.position || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    this.rebuild(entries);
  }

  removeNode(node: string): void {
    if (!this.members.delete(node)) return;
    const entries = this.owners
      .map((owner, i) => ({ position: this.positions[i], label: this.labels[i], owner }))
      .filter((entry) => entry.owner !== node);
    this.rebuild(entries);
  }

  getNode(key: string): string | null {
    const n = this.owners.length;
    if (n === 0) return null;
    const h = this.hash(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    return this.owners[lo === n ? 0 : lo]; // wrap around past the highest position
  }

  private rebuild(entries: { position: number; label: string; owner: string }[]): void {
    this.positions = Float64Array.from(entries, (entry) => entry.position);
    this.labels = entries.map((entry) => entry.label);
    this.owners = entries.map((entry) => entry.owner);
  }
}
