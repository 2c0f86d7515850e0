interface Node {
  key: number;
  value: number;
  prev: Node | null;
  next: Node | null;
}

/** A hash map to find nodes plus a doubly linked list ordered from least to most recently used. */
export class LRUCache {
  private readonly nodes = new Map<number, Node>();
  private oldest: Node | null = null;
  private newest: Node | null = null;

  constructor(private readonly capacity: number) {}

  get(key: number): number {
    const node = this.nodes.get(key);
    if (!node) return -1;
    this.unlink(node);
    this.append(node);
    return node.value;
  }

  put(key: number, value: number): void {
    const existing = this.nodes.get(key);
    if (existing) {
      existing.value = value;
      this.unlink(existing);
      this.append(existing);
      return;
    }
    if (this.nodes.size >= this.capacity && this.oldest) {
      this.nodes.delete(this.oldest.key);
      this.unlink(this.oldest);
    }
    const node: Node = { key, value, prev: null, next: null };
    this.nodes.set(key, node);
    this.append(node);
  }

  private unlink(node: Node): void {
    if (node.prev) node.prev.next = node.next;
    else this.oldest = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.newest = node.prev;
    node.prev = node.next = null;
  }

  private append(node: Node): void {
    node.prev = this.newest;
    if (this.newest) this.newest.next = node;
    this.newest = node;
    if (!this.oldest) this.oldest = node;
  }
}
