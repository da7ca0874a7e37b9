import type { Disposable } from '../shared/disposable';

/**
 * Fan-out of wake-up messages between the processes that write the event log and those that serve
 * subscribers. The in-process implementation is the default; Redis replaces it when REDIS_URL is set.
 * Delivery may be lost or duplicated without harm: subscribers re-read the log from their cursor.
 */
export interface PubSub extends Disposable {
  publish(channel: string, message: string): Promise<void>;
  /** Calls `handler` for each message on `channel` until the returned function is called. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => void>;
  /** False while the transport is down (for /readyz). */
  readonly healthy: boolean;
}

export class InMemoryPubSub implements PubSub {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  readonly healthy = true;

  async publish(channel: string, message: string): Promise<void> {
    for (const handler of [...(this.handlers.get(channel) ?? [])]) {
      queueMicrotask(() => handler(message));
    }
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(channel);
    };
  }

  async dispose(): Promise<void> {
    this.handlers.clear();
  }
}
