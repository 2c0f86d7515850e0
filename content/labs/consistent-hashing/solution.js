const encoder = new TextEncoder();

/**
 * The ring's hash: 32-bit FNV-1a over the UTF-8 bytes of `text`, then murmur3's finaliser so that
 * similar labels ("cache-1#7", "cache-1#8") land far apart. Returns an unsigned 32-bit integer.
 */
export function ringHash(text) {
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

export class HashRing {
  constructor({ vnodes = 100, hash = ringHash } = {}) {
    this.vnodes = vnodes;
    this.hash = hash;
    this.nodes = new Set();
    // Virtual nodes sorted by (position, label): the ring, cut open at position 0.
    this.ring = [];
  }

  addNode(node) {
    if (this.nodes.has(node)) return;
    this.nodes.add(node);
    for (let i = 0; i < this.vnodes; i++) {
      const label = `${node}#${i}`;
      this.ring.push({ position: this.hash(label), label, node });
    }
    // Adding a node is rare next to lookups, so re-sorting here is an acceptable price.
    this.ring.sort((a, b) => a.position - b.position || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  removeNode(node) {
    if (!this.nodes.delete(node)) return;
    this.ring = this.ring.filter((vnode) => vnode.node !== node);
  }

  getNode(key) {
    const ring = this.ring;
    if (ring.length === 0) return null;
    const h = this.hash(key);
    // Binary search for the first virtual node at or after h, clockwise.
    let lo = 0;
    let hi = ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ring[mid].position < h) lo = mid + 1;
      else hi = mid;
    }
    // Past the last position the ring wraps around to the first virtual node.
    return ring[lo === ring.length ? 0 : lo].node;
  }
}
