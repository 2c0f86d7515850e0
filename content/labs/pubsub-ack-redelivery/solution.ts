export interface Delivery {
  id: number;
  topic: string;
  message: unknown;
  attempt: number;
}

export interface BrokerOptions {
  ackTimeoutMs?: number;
  maxAttempts?: number;
  /** Current time in milliseconds. */
  now?: () => number;
}

interface Entry extends Delivery {
  /** When the entry may be polled: -Infinity before its first delivery, then deadline of the last one. */
  visibleAt: number;
}

interface Subscriber {
  pending: Map<number, Entry>; // insertion order is message-id order
  dead: Entry[];
}

export class Broker {
  private readonly ackTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  private lastId = 0;
  private readonly topics = new Map<string, Set<string>>();
  private readonly subscribers = new Map<string, Subscriber>();

  constructor({ ackTimeoutMs = 30_000, maxAttempts = 5, now = Date.now }: BrokerOptions = {}) {
    if (!(maxAttempts >= 1)) throw new RangeError('maxAttempts must be at least 1');
    this.ackTimeoutMs = ackTimeoutMs;
    this.maxAttempts = maxAttempts;
    this.now = now;
  }

  subscribe(topic: string, subscriberId: string): void {
    let members = this.topics.get(topic);
    if (!members) this.topics.set(topic, (members = new Set()));
    members.add(subscriberId);
    if (!this.subscribers.has(subscriberId)) this.subscribers.set(subscriberId, { pending: new Map(), dead: [] });
  }

  publish(topic: string, message: unknown): number {
    const id = ++this.lastId;
    for (const subscriberId of this.topics.get(topic) ?? []) {
      this.subscribers.get(subscriberId)!.pending.set(id, { id, topic, message, attempt: 0, visibleAt: -Infinity });
    }
    return id;
  }

  poll(subscriberId: string, limit = 10): Delivery[] {
    const sub = this.subscribers.get(subscriberId);
    if (!sub) return [];
    const now = this.now();
    const out: Delivery[] = [];
    for (const entry of sub.pending.values()) {
      if (out.length >= limit) break;
      if (entry.visibleAt > now || this.expire(sub, entry)) continue;
      entry.attempt += 1;
      entry.visibleAt = now + this.ackTimeoutMs;
      out.push({ id: entry.id, topic: entry.topic, message: entry.message, attempt: entry.attempt });
    }
    return out;
  }

  ack(subscriberId: string, id: number): boolean {
    const sub = this.subscribers.get(subscriberId);
    const entry = sub?.pending.get(id);
    if (!sub || !entry || entry.attempt === 0) return false;
    // A late ack is fine unless the last allowed attempt has already timed out.
    if (entry.visibleAt <= this.now() && this.expire(sub, entry)) return false;
    sub.pending.delete(id);
    return true;
  }

  deadLetters(subscriberId: string): Delivery[] {
    const sub = this.subscribers.get(subscriberId);
    if (!sub) return [];
    const now = this.now();
    for (const entry of [...sub.pending.values()]) if (entry.visibleAt <= now) this.expire(sub, entry);
    return sub.dead
      .map(({ id, topic, message, attempt }) => ({ id, topic, message, attempt }))
      .sort((a, b) => a.id - b.id);
  }

  private expire(sub: Subscriber, entry: Entry): boolean {
    if (entry.attempt < this.maxAttempts) return false;
    sub.pending.delete(entry.id);
    sub.dead.push(entry);
    return true;
  }
}
