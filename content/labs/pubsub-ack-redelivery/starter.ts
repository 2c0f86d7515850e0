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

export class Broker {
  constructor({ ackTimeoutMs = 30000, maxAttempts = 5, now = Date.now }: BrokerOptions = {}) {}

  subscribe(topic: string, subscriberId: string): void {}

  publish(topic: string, message: unknown): number {
    return 0;
  }

  poll(subscriberId: string, limit = 10): Delivery[] {
    return [];
  }

  ack(subscriberId: string, id: number): boolean {
    return false;
  }

  deadLetters(subscriberId: string): Delivery[] {
    return [];
  }
}
