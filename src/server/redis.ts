import { Redis } from 'ioredis';

/** The few logger methods the link uses (pino's and Fastify's loggers both fit). */
interface LinkLogger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
}

/** How long one Redis command may take before the caller falls back to this instance alone. */
const REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * Connections to the Redis that instances share (rate-limit buckets, the live-update relay), made to
 * fail soft: commands never queue while Redis is away (`enableOfflineQueue: false`), never retry
 * (`maxRetriesPerRequest: 0`) and time out after 250 ms, so a caller learns at once that it must
 * fall back; reconnection goes on quietly in the background. Redis being away is logged once, as
 * one structured warning per outage, and its return once — never once per reconnection attempt.
 */
export class RedisLink {
  private readonly clients: Redis[] = [];
  private outage = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly log: LinkLogger,
  ) {}

  /** A new connection; `subscriber` ones are for pub/sub. */
  connect(): Redis {
    const client = new Redis(this.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      autoResubscribe: false,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    });
    client.on('error', (error: Error) => this.down(error));
    client.on('close', () => this.down(new Error('connection closed')));
    client.on('ready', () => this.checkRecovered());
    this.clients.push(client);
    return client;
  }

  /** Every connection is up. */
  get up(): boolean {
    return this.clients.length > 0 && this.clients.every((client) => client.status === 'ready');
  }

  private down(error: Error): void {
    if (this.outage || this.closed) return;
    this.outage = true;
    this.log.warn(
      { redis: redactUrl(this.url), err: { message: error.message } },
      'redis unavailable: rate limits fall back to this instance, live updates reach only its own views; reconnecting in the background',
    );
  }

  private checkRecovered(): void {
    if (this.outage && this.up) {
      this.outage = false;
      this.log.info({ redis: redactUrl(this.url) }, 'redis reachable again');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.clients.map((client) => (client.status === 'ready' ? client.quit().then(() => {}) : client.disconnect())),
    );
  }
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
