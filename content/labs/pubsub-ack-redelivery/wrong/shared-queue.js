// Wrong: one queue per topic shared by all subscribers (competing consumers), so each message reaches only one of them.
export class Broker {
  constructor({ ackTimeoutMs = 30000, maxAttempts = 5, now = Date.now } = {}) {
    this.ackTimeoutMs = ackTimeoutMs;
    this.maxAttempts = maxAttempts;
    this.now = now;
    this.lastId = 0;
    this.queues = new Map(); // topic -> Map(id -> entry)
    this.follows = new Map(); // subscriber -> Set of topics
    this.dead = new Map();
  }

  subscribe(topic, subscriberId) {
    if (!this.queues.has(topic)) this.queues.set(topic, new Map());
    if (!this.follows.has(subscriberId)) this.follows.set(subscriberId, new Set());
    this.follows.get(subscriberId).add(topic);
  }

  publish(topic, message) {
    const id = ++this.lastId;
    this.queues.get(topic)?.set(id, { id, topic, message, attempt: 0, visibleAt: -Infinity, holder: null });
    return id;
  }

  poll(subscriberId, limit = 10) {
    const topics = this.follows.get(subscriberId);
    if (!topics) return [];
    const now = this.now();
    const entries = [...topics].flatMap((topic) => [...this.queues.get(topic).values()]).sort((a, b) => a.id - b.id);
    const out = [];
    for (const entry of entries) {
      if (out.length >= limit) break;
      if (entry.visibleAt > now) continue;
      if (entry.attempt >= this.maxAttempts) {
        this.queues.get(entry.topic).delete(entry.id);
        if (!this.dead.has(entry.holder)) this.dead.set(entry.holder, []);
        this.dead.get(entry.holder).push(entry);
        continue;
      }
      entry.attempt += 1;
      entry.visibleAt = now + this.ackTimeoutMs;
      entry.holder = subscriberId;
      out.push({ id: entry.id, topic: entry.topic, message: entry.message, attempt: entry.attempt });
    }
    return out;
  }

  ack(subscriberId, id) {
    for (const topic of this.follows.get(subscriberId) ?? []) {
      const entry = this.queues.get(topic).get(id);
      if (entry && entry.holder === subscriberId) {
        this.queues.get(topic).delete(id);
        return true;
      }
    }
    return false;
  }

  deadLetters(subscriberId) {
    const now = this.now();
    for (const topic of this.follows.get(subscriberId) ?? []) {
      for (const entry of [...this.queues.get(topic).values()]) {
        if (entry.holder === subscriberId && entry.visibleAt <= now && entry.attempt >= this.maxAttempts) {
          this.queues.get(topic).delete(entry.id);
          if (!this.dead.has(subscriberId)) this.dead.set(subscriberId, []);
          this.dead.get(subscriberId).push(entry);
        }
      }
    }
    return (this.dead.get(subscriberId) ?? [])
      .map(({ id, topic, message, attempt }) => ({ id, topic, message, attempt }))
      .sort((a, b) => a.id - b.id);
  }
}
