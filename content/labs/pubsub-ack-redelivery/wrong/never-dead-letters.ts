// Wrong: ignores maxAttempts, so a poison message is redelivered forever and the dead-letter list stays empty.
export interface Delivery {
  id: number;
  topic: string;
  message: unknown;
  attempt: number;
}

interface Entry extends Delivery {
  visibleAt: number;
}

export class Broker {
  private readonly ackTimeoutMs: number;
  private readonly now: () => number;
  private lastId = 0;
  private readonly topics = new Map<string, Set<string>>();
  private readonly pending = new Map<string, Map<number, Entry>>();

  constructor({
    ackTimeoutMs = 30000,
    now = Date.now,
  }: { ackTimeoutMs?: number; maxAttempts?: number; now?: () => number } = {}) {
    this.ackTimeoutMs = ackTimeoutMs;
    this.now = now;
  }

  subscribe(topic: string, subscriberId: string): void {
    if (!this.topics.has(topic)) this.topics.set(topic, new Set());
    this.topics.get(topic)!.add(subscriberId);
    if (!this.pending.has(subscriberId)) this.pending.set(subscriberId, new Map());
  }

  publish(topic: string, message: unknown): number {
    const id = ++this.lastId;
    for (const sub of this.topics.get(topic) ?? []) {
      this.pending.get(sub)!.set(id, { id, topic, message, attempt: 0, visibleAt: -Infinity });
    }
    return id;
  }

  poll(subscriberId: string, limit = 10): Delivery[] {
    const queue = this.pending.get(subscriberId);
    if (!queue) return [];
    const now = this.now();
    const out: Delivery[] = [];
    for (const entry of queue.values()) {
      if (out.length >= limit) break;
      if (entry.visibleAt > now) continue;
      entry.attempt += 1;
      entry.visibleAt = now + this.ackTimeoutMs;
      out.push({ id: entry.id, topic: entry.topic, message: entry.message, attempt: entry.attempt });
    }
    return out;
  }

  ack(subscriberId: string, id: number): boolean {
    const queue = this.pending.get(subscriberId);
    const entry = queue?.get(id);
    if (!queue || !entry || entry.attempt === 0) return false;
    queue.delete(id);
    return true;
  }

  deadLetters(subscriberId: string): Delivery[] {
    return [];
  }
}
