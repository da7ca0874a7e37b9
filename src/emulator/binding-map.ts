import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';

/** What every stored binding has: its id and, when it has a lifetime, the emulated instant it ends. */
export interface Expiring {
  readonly subscriptionId: string;
  expiresAtMs?: number;
}

/** A platform binding ID: 32 hex characters (opaque to clients, rest-api.md §3.6). */
export function newSubscriptionId(): string {
  return randomUUID().replace(/-/g, '');
}

/** End of a lifetime of `seconds` platform seconds started at `startMs`; 0 or absent = never. */
export function expiryOf(clock: Clock, startMs: number, seconds: number | undefined): number | undefined {
  return seconds !== undefined && seconds > 0 ? startMs + clock.scaled(seconds) : undefined;
}

/**
 * Bindings of one mode of one app, by subscriptionId, in insertion order. An expired binding is removed by
 * `purge` exactly as if it had been unbound; the pipeline purges before every request.
 */
export class BindingMap<T extends Expiring> {
  private readonly items = new Map<string, T>();

  add(item: T): void {
    this.items.set(item.subscriptionId, item);
  }

  get(subscriptionId: string): T | undefined {
    return this.items.get(subscriptionId);
  }

  remove(subscriptionId: string): boolean {
    return this.items.delete(subscriptionId);
  }

  all(): T[] {
    return [...this.items.values()];
  }

  filter(predicate: (item: T) => boolean): T[] {
    return this.all().filter(predicate);
  }

  get size(): number {
    return this.items.size;
  }

  /** Removes every binding whose lifetime ended at or before `nowMs`. */
  purge(nowMs: number): void {
    for (const [id, item] of this.items) {
      if (item.expiresAtMs !== undefined && item.expiresAtMs <= nowMs) this.items.delete(id);
    }
  }
}
