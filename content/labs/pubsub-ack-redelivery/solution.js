/**
 * Each subscriber has its own queue of pending deliveries (fan-out), kept in message-id order.
 * A delivery is visible when `visibleAt <= now`; polling it hides it for ackTimeoutMs. Nothing runs on
 * a timer: timeouts and dead-lettering are worked out from the clock whenever the broker is called.
 */
export class Broker {
  constructor({ ackTimeoutMs = 30_000, maxAttempts = 5, now = Date.now } = {}) {
    if (!(maxAttempts >= 1)) throw new RangeError('maxAttempts must be at least 1');
    this.ackTimeoutMs = ackTimeoutMs;
    this.maxAttempts = maxAttempts;
    this.now = now;
    this.lastId = 0;
    this.topics = new Map(); // topic -> Set of subscriber ids
    this.pending = new Map(); // subscriber id -> Map(message id -> entry), in id order
    this.dead = new Map(); // subscriber id -> dead entries
  }

  subscribe(topic, subscriberId) {
    if (!this.topics.has(topic)) this.topics.set(topic, new Set());
    this.topics.get(topic).add(subscriberId);
    if (!this.pending.has(subscriberId)) {
      this.pending.set(subscriberId, new Map());
      this.dead.set(subscriberId, []);
    }
  }

  publish(topic, message) {
    const id = ++this.lastId;
    // Fan-out: every subscriber gets its own copy with its own attempt count and ack state.
    for (const subscriberId of this.topics.get(topic) ?? []) {
      this.pending.get(subscriberId).set(id, { id, topic, message, attempt: 0, visibleAt: -Infinity });
    }
    return id;
  }

  poll(subscriberId, limit = 10) {
    const queue = this.pending.get(subscriberId);
    if (!queue) return [];
    const now = this.now();
    const deliveries = [];
    for (const entry of queue.values()) {
      if (deliveries.length >= limit) break;
      if (entry.visibleAt > now) continue; // still in flight
      if (this.expire(subscriberId, entry)) continue;
      entry.attempt += 1;
      entry.visibleAt = now + this.ackTimeoutMs;
      deliveries.push({ id: entry.id, topic: entry.topic, message: entry.message, attempt: entry.attempt });
    }
    return deliveries;
  }

  ack(subscriberId, id) {
    const entry = this.pending.get(subscriberId)?.get(id);
    // Never delivered, already acked, or out of attempts: nothing to do, and not an error.
    if (!entry || entry.attempt === 0) return false;
    if (entry.visibleAt <= this.now() && this.expire(subscriberId, entry)) return false;
    this.pending.get(subscriberId).delete(id);
    return true;
  }

  deadLetters(subscriberId) {
    const queue = this.pending.get(subscriberId);
    if (!queue) return [];
    const now = this.now();
    for (const entry of [...queue.values()]) if (entry.visibleAt <= now) this.expire(subscriberId, entry);
    return this.dead
      .get(subscriberId)
      .map(({ id, topic, message, attempt }) => ({ id, topic, message, attempt }))
      .sort((a, b) => a.id - b.id);
  }

  /** Moves a timed-out entry that has used all its attempts to the dead letters; true if it did. */
  expire(subscriberId, entry) {
    if (entry.attempt < this.maxAttempts) return false;
    this.pending.get(subscriberId).delete(entry.id);
    this.dead.get(subscriberId).push(entry);
    return true;
  }
}
