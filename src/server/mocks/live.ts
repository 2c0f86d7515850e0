/** A connected view of one mock: the candidate's or the interviewer's browser. */
export interface LiveClient {
  role: 'candidate' | 'interviewer';
  /** Tells the client the mock changed; it re-reads it over HTTP (the socket never carries answers). */
  notify(): void;
}

/**
 * Who is watching which mock, in this process. A change to a mock notifies every open view of it,
 * so the candidate's answers appear on the interviewer's device as they are autosaved, and the
 * interviewer's messages on the candidate's. Notifications carry no data, so a client only ever
 * sees what its own authenticated HTTP read returns.
 */
export class LiveHub {
  private readonly clients = new Map<string, Set<LiveClient>>();

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
    for (const client of this.clients.get(mockId) ?? []) client.notify();
  }

  connected(mockId: string, role: LiveClient['role']): boolean {
    return [...(this.clients.get(mockId) ?? [])].some((client) => client.role === role);
  }
}
