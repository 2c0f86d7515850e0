import type { RedisLink } from '../redis.js';

/** A connected view of one mock: the candidate's or the interviewer's browser. */
export interface LiveClient {
  role: 'candidate' | 'interviewer';
  /** Tells the client the mock changed; it re-reads it over HTTP (the socket never carries answers). */
  notify(): void;
}

/**
 * Who is watching which mock. A change to a mock notifies every open view of it, so the
 * candidate's answers appear on the interviewer's device as they are autosaved, and the
 * interviewer's messages on the candidate's. Notifications carry no data, so a client only ever
 * sees what its own authorised HTTP read returns.
 *
 * With one instance, notifications stay in the process. Scaled out, `createRedisLiveHub` relays
 * them through Redis pub/sub, so a view connected to one instance hears changes made on another.
 */
export class LiveHub {
  private readonly clients = new Map<string, Set<LiveClient>>();

  /** @param relay sends a change to every instance (which then calls `deliver`); none means this process only. */
  constructor(
    private readonly relay: ((mockId: string) => void) | null = null,
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly isRelaying: () => boolean = () => false,
  ) {}

  /** Whether changes currently travel between instances (false: this process only). */
  get relaying(): boolean {
    return this.isRelaying();
  }

  join(mockId: string, client: LiveClient): () => void {
    let set = this.clients.get(mockId);
    if (!set) this.clients.set(mockId, (set = new Set()));
    set.add(client);
    this.publish(mockId);
    return () => {
      set.delete(client);
      if (set.size === 0) this.clients.delete(mockId);
      this.publish(mockId);
    };
  }

  publish(mockId: string): void {
    if (this.relay) this.relay(mockId);
    else this.deliver(mockId);
  }

  /** Notifies this process's views of a mock. */
  deliver(mockId: string): void {
    for (const client of this.clients.get(mockId) ?? []) client.notify();
  }

  /** Whether a view of this role is connected to this instance. */
  connected(mockId: string, role: LiveClient['role']): boolean {
    return [...(this.clients.get(mockId) ?? [])].some((client) => client.role === role);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

const CHANNEL = 'onsite:mock-changes';

/**
 * A hub whose notifications travel through Redis to every instance. While Redis is away (at start
 * or later) a change is delivered to this instance's views directly, and the subscription is
 * renewed whenever the connection comes back; nothing waits on Redis.
 */
export function createRedisLiveHub(link: RedisLink, channel = CHANNEL): LiveHub {
  const publisher = link.connect();
  const subscriber = link.connect();
  let subscribed = false;
  const relaying = () => subscribed && publisher.status === 'ready' && subscriber.status === 'ready';
  const hub: LiveHub = new LiveHub(
    (mockId) => {
      if (!relaying()) return hub.deliver(mockId);
      publisher.publish(channel, mockId).catch(() => hub.deliver(mockId));
    },
    async () => {},
    relaying,
  );
  subscriber.on('message', (_channel: string, mockId: string) => hub.deliver(mockId));
  subscriber.on('close', () => (subscribed = false));
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => (subscribed = true),
      () => (subscribed = false),
    );
  });
  return hub;
}
