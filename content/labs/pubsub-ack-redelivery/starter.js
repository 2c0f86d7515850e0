/**
 * @typedef {{ id: number, topic: string, message: unknown, attempt: number }} Delivery
 */
export class Broker {
  /** @param {{ ackTimeoutMs?: number, maxAttempts?: number, now?: () => number }} [options] */
  constructor({ ackTimeoutMs = 30000, maxAttempts = 5, now = Date.now } = {}) {}

  /** @param {string} topic @param {string} subscriberId */
  subscribe(topic, subscriberId) {}

  /** @param {string} topic @param {unknown} message @returns {number} */
  publish(topic, message) {
    return 0;
  }

  /** @param {string} subscriberId @param {number} [limit] @returns {Delivery[]} */
  poll(subscriberId, limit = 10) {
    return [];
  }

  /** @param {string} subscriberId @param {number} id @returns {boolean} */
  ack(subscriberId, id) {
    return false;
  }

  /** @param {string} subscriberId @returns {Delivery[]} */
  deadLetters(subscriberId) {
    return [];
  }
}
