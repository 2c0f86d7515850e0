// Wrong complexity: getNode walks the sorted ring from the start instead of binary searching, O(vnodes) per lookup.
const encoder = new TextEncoder();

export function ringHash(text) {
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

export class HashRing {
  constructor({ vnodes = 100, hash = ringHash } = {}) {
    this.vnodes = vnodes;
    this.hash = hash;
    this.nodes = new Set();
    this.ring = [];
  }

  addNode(node) {
    if (this.nodes.has(node)) return;
    this.nodes.add(node);
    for (let i = 0; i < this.vnodes; i++) {
      const label = `${node}#${i}`;
      this.ring.push({ position: this.hash(label), label, node });
    }
    this.ring.sort((a, b) => a.position - b.position || (a.label < b.label ? -1 : 1));
  }

  removeNode(node) {
    if (!this.nodes.delete(node)) return;
    this.ring = this.ring.filter((v) => v.node !== node);
  }

  getNode(key) {
    if (this.ring.length === 0) return null;
    const h = this.hash(key);
    for (const vnode of this.ring) {
      if (vnode.position >= h) return vnode.node;
    }
    return this.ring[0].node;
  }
}
