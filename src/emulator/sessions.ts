/** Why a session ended: stopped by callStop, or ended by whoever registered it (e.g. a hang-up). */
export type SessionEndReason = 'callStop' | 'ended';

export type SessionEndListener = (event: { appKey: string; sessionId: string; reason: SessionEndReason }) => void;

/**
 * Calls in progress, by sessionId, each owned by one app. callStop ends a session of the calling app only;
 * an ended or unknown session is refused with 1020152 (rest-api.md §8.4).
 */
export class SessionRegistry {
  private readonly active = new Map<string, string>();
  private readonly listeners = new Set<SessionEndListener>();

  /** @param changed told after every register and end (the state file saves then). */
  constructor(private readonly changed: () => void = () => undefined) {}

  register(appKey: string, sessionId: string): void {
    this.active.set(sessionId, appKey);
    this.changed();
  }

  /** Active sessions as [sessionId, appKey] pairs, for the state file. */
  entries(): Array<[string, string]> {
    return [...this.active.entries()];
  }

  /** Puts back sessions read from the state file (no listeners are told: nothing ended). */
  restore(entries: ReadonlyArray<readonly [string, string]>): void {
    for (const [sessionId, appKey] of entries) this.active.set(sessionId, appKey);
  }

  isActive(sessionId: string): boolean {
    return this.active.has(sessionId);
  }

  appKeyOf(sessionId: string): string | undefined {
    return this.active.get(sessionId);
  }

  /** Ends a session; false when it was not active. Listeners hear about every session that ends. */
  end(sessionId: string, reason: SessionEndReason = 'ended'): boolean {
    const appKey = this.active.get(sessionId);
    if (appKey === undefined) return false;
    this.active.delete(sessionId);
    this.changed();
    for (const listener of this.listeners) listener({ appKey, sessionId, reason });
    return true;
  }

  /** Subscribes to session ends; returns the unsubscribe function. */
  onEnd(listener: SessionEndListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
