import type { LogFilter } from './event-log';
import type { LogEntry } from './topics';

/** Whether `e` passes the filter: the same conditions `EventLog.readAfter` puts in SQL. */
export function matchesFilter(e: LogEntry, f: LogFilter): boolean {
  if (f.kinds?.length && !f.kinds.includes(e.kind)) return false;
  if (f.apps && !f.apps.includes(e.app)) return false;
  if (f.sessionId && e.sessionId !== f.sessionId) return false;
  if (f.bindingId && e.bindingId !== f.bindingId) return false;
  if (f.privacyNumber && e.privacyNumber !== f.privacyNumber) return false;
  return true;
}

/**
 * The routing keys of a filter: its most selective field (session, then binding, then number), else one key
 * per app, else the wildcard.
 */
function routeKeys(f: LogFilter): string[] {
  if (f.sessionId) return [`s:${f.sessionId}`];
  if (f.bindingId) return [`b:${f.bindingId}`];
  if (f.privacyNumber) return [`n:${f.privacyNumber}`];
  if (f.apps) return f.apps.map((a) => `a:${a}`);
  return ['*'];
}

/** The keys an entry is looked up under; a stream sits under one of them at most (its apps are distinct). */
function entryKeys(e: LogEntry): string[] {
  const keys = [`a:${e.app}`, '*'];
  if (e.sessionId) keys.push(`s:${e.sessionId}`);
  if (e.bindingId) keys.push(`b:${e.bindingId}`);
  if (e.privacyNumber) keys.push(`n:${e.privacyNumber}`);
  return keys;
}

/**
 * The live streams indexed by the routing keys of their filters. An entry is offered only to the streams under
 * its own keys, so a busy number does not make the reader look at the streams of every other number; each
 * stream then checks its whole filter (`matchesFilter`).
 */
export class StreamRoutes<S> {
  private readonly routes = new Map<string, Set<S>>();

  add(stream: S, filter: LogFilter): void {
    for (const key of routeKeys(filter)) {
      let set = this.routes.get(key);
      if (!set) this.routes.set(key, (set = new Set()));
      set.add(stream);
    }
  }

  /** `filter` is the one the stream was added with. */
  remove(stream: S, filter: LogFilter): void {
    for (const key of routeKeys(filter)) {
      const set = this.routes.get(key);
      set?.delete(stream);
      if (set?.size === 0) this.routes.delete(key);
    }
  }

  /** Calls `visit` once for each stream routed to `entry`; a stream may be removed meanwhile (a Set's walk allows it). */
  forEach(entry: LogEntry, visit: (stream: S) => void): void {
    for (const key of entryKeys(entry)) {
      const set = this.routes.get(key);
      if (set) for (const stream of set) visit(stream);
    }
  }
}
