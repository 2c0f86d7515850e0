// Wrong: a key whose hash is above the highest virtual node gets no owner instead of wrapping to the first one.
const encoder = new TextEncoder();

export function ringHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface VirtualNode {
  position: number;
  label: string;
  node: string;
}

export class HashRing {
  private readonly vnodes: number;
  private readonly hash: (text: string) => number;
  private readonly members = new Set<string>();
  private ring: VirtualNode[] = [];

  constructor({ vnodes = 100, hash = ringHash }: { vnodes?: number; hash?: (text: string) => number } = {}) {
    this.vnodes = vnodes;
    this.hash = hash;
  }

  addNode(node: string): void {
    if (this.members.has(node)) return;
    this.members.add(node);
    for (let i = 0; i < this.vnodes; i++) {
      const label = `${node}#${i}`;
      this.ring.push({ position: this.hash(label), label, node });
    }
    this.ring.sort((a, b) => a.position - b.position || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  removeNode(node: string): void {
    if (!this.members.delete(node)) return;
    this.ring = this.ring.filter((v) => v.node !== node);
  }

  getNode(key: string): string | null {
    if (this.ring.length === 0) return null;
    const h = this.hash(key);
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ring[mid].position < h) lo = mid + 1;
      else hi = mid;
    }
    return this.ring[lo]?.node ?? null;
  }
}
