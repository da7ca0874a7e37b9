import type { Disposable } from '../shared/disposable';
import type { Logger } from '../shared/logger';
import type { Db } from '../store/db';
import type { EventLog, LogFilter } from './event-log';
import type { PubSub } from './pubsub';
import type { StreamObserver, SubscriptionKind } from './stream-observer';
import { ALL_CHANNEL, type LogEntry } from './topics';

export interface LogReaderOptions {
  db: Db;
  log: EventLog;
  /** Wake-ups: the reader listens on the all-apps channel, once per process. */
  pubsub: PubSub;
  logger: Logger;
  /** Entries read per query, by the reader and by each replaying stream (default 200). */
  batchSize?: number;
  /**
   * Entries a stream holds that its consumer has not taken yet (default 1000). Past it the stream falls
   * behind and replays from the database; a stalled one is cut (see SharedStream): it ends with
   * SlowConsumerError and its `onSlowConsumer` hook runs (graphql-ws closes the socket).
   */
  bufferLimit?: number;
  /** First wait before a failed read is retried, milliseconds (default 100); doubles up to `retryMaxMs`. */
  retryInitialMs?: number;
  /** Longest wait between retries of a failed read, milliseconds (default 5000). */
  retryMaxMs?: number;
  /** Hears of each failed read (reader or replay) and each cut stream (the metrics). */
  observer?: StreamObserver;
}

/** What one subscription asks of the reader. */
export interface StreamRequest {
  filter: LogFilter;
  /** Resume after this cursor (replay first); null = only what is appended from now on. */
  after: string | null;
  /** An extra predicate applied after the filter (the cursor advances past rejected entries all the same). */
  accept?: (entry: LogEntry) => boolean;
  /** The subscription field served (metrics label); reported to `observer` when given. */
  kind?: SubscriptionKind;
  /** Runs once, at once, when the stream is cut for being stalled (see SharedStream). */
  onSlowConsumer?: () => void;
}

/** The close code graphql-ws uses for a cut stream's socket: the client resumes with `after:` its last cursor. */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

/** A stream whose consumer stalled: it took nothing while more than the buffer limit piled up. Resume with `after:`. */
export class SlowConsumerError extends Error {
  constructor(readonly limit: number) {
    super(`the subscriber took nothing while more than ${limit} entries piled up; subscribe again with after: the last cursor received`);
    this.name = 'SlowConsumerError';
  }
}

const DEFAULT_BATCH_SIZE = 200;
const DEFAULT_BUFFER_LIMIT = 1000;

/** A retry schedule: 0 after a success, then `initial`, doubling up to `max`. */
class Backoff {
  private current = 0;
  constructor(
    private readonly initial: number,
    private readonly max: number,
  ) {}
  /** The wait before the next attempt after a failure. */
  failed(): number {
    this.current = this.current === 0 ? this.initial : Math.min(this.current * 2, this.max);
    return this.current;
  }
  succeeded(): void {
    this.current = 0;
  }
}

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
 * per app, else the wildcard. An entry is offered only to the streams under its own keys, so a busy number
 * does not make the reader look at the streams of every other number.
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
 * The one follower of the event log in a process. It keeps its own cursor and, on each wake-up (coalesced
 * while a read is in flight; a full page is followed by the next at once), reads the log after it once for
 * every subscription and hands each entry in memory to the live streams whose filter matches, found by
 * routing key. With Redis, the catch-up wake every few seconds is thus one query per process.
 *
 * A stream opened with `after:` (or while the reader is behind) first replays from the database on its own,
 * at its consumer's pace, while the reader already hands it what it reads; see `SharedStream` for how it
 * joins without gap or duplicate. A failed read is logged and retried with backoff; it never ends a stream.
 *
 * Ordering contract (from EventLog): cursors become visible in increasing order, so a reader that has read up
 * to N never later finds an entry at or below N.
 */
export class LogReader implements Disposable {
  /** The cursor the reader has read up to: every entry at or below it was handed to the streams attached then. */
  private cursor = 0n;
  private readonly routes = new Map<string, Set<SharedStream>>();
  /** Streams attached (handed what the reader reads): from their join to their end. */
  private readonly streams = new Set<SharedStream>();
  /** Every stream not ended yet: ended by dispose (the same streams as `streams` once joined). */
  private readonly open = new Set<SharedStream>();
  private headRead: Promise<bigint> | null = null;
  private dirty = false;
  private reading = false;
  /** Counts the reader's reads that returned entries: a stalled stream is one that took nothing across them. */
  private seq = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private unsubscribe: (() => void) | null = null;
  private disposed = false;
  readonly batchSize: number;
  readonly bufferLimit: number;

  private constructor(readonly o: LogReaderOptions) {
    this.batchSize = o.batchSize ?? DEFAULT_BATCH_SIZE;
    this.bufferLimit = o.bufferLimit ?? DEFAULT_BUFFER_LIMIT;
    this.backoff = new Backoff(o.retryInitialMs ?? 100, o.retryMaxMs ?? 5000);
  }

  /** Subscribes to the wake-ups, then starts at the log's head. */
  static async open(o: LogReaderOptions): Promise<LogReader> {
    const reader = new LogReader(o);
    reader.unsubscribe = await o.pubsub.subscribe(ALL_CHANNEL, () => reader.wake());
    try {
      reader.cursor = BigInt(await o.log.head(o.db));
    } catch (err) {
      await reader.dispose();
      throw err;
    }
    return reader;
  }

  /** The number of the reader's latest read that returned entries. */
  get readSeq(): number {
    return this.seq;
  }

  /** Attached streams, for tests. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Opens a replay-then-live stream. Without `after` it starts at the log's head (one query); entries after
   * that are delivered, as they are stored, in cursor order, each once.
   */
  async openStream(request: StreamRequest): Promise<AsyncIterableIterator<LogEntry>> {
    if (this.disposed) throw new Error('the event-log reader is stopped');
    const head = await this.head();
    const start = request.after === null ? head : BigInt(request.after);
    // Nobody follows the reader and it is idle: it may skip to the head rather than read what no one awaits.
    if (request.after === null && this.streams.size === 0 && !this.reading && head > this.cursor) this.cursor = head;
    const stream = new SharedStream(this, request, start, head);
    this.open.add(stream);
    stream.join();
    if (request.kind) this.o.observer?.opened(request.kind);
    return stream;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const stream of [...this.open]) void stream.return();
  }

  /** A stream has ended. */
  closed(stream: SharedStream): void {
    this.open.delete(stream);
    this.detach(stream);
  }

  /**
   * The log's head, one query for every stream opening meanwhile: a head read that started a little before a
   * stream asked is at most older, so the stream gets a few more entries, never fewer.
   */
  private head(): Promise<bigint> {
    this.headRead ??= this.o.log.head(this.o.db).then(
      (h) => {
        this.headRead = null;
        return BigInt(h);
      },
      (err: unknown) => {
        this.headRead = null;
        throw err;
      },
    );
    return this.headRead;
  }

  /** Registers a stream: from now on it is handed every matching entry after the returned cursor. */
  attach(stream: SharedStream): bigint {
    this.streams.add(stream);
    for (const key of routeKeys(stream.request.filter)) {
      let set = this.routes.get(key);
      if (!set) this.routes.set(key, (set = new Set()));
      set.add(stream);
    }
    // What was stored while nobody listened has not been read yet: read it now.
    if (this.dirty) void this.pump();
    return this.cursor;
  }

  detach(stream: SharedStream): void {
    if (!this.streams.delete(stream)) return;
    for (const key of routeKeys(stream.request.filter)) {
      const set = this.routes.get(key);
      set?.delete(stream);
      if (set?.size === 0) this.routes.delete(key);
    }
  }

  /** A failed read (reader or replay): logged at warn with the error, counted, and the wait before the retry. */
  readFailed(err: unknown, backoff: Backoff, what: string): number {
    const waitMs = backoff.failed();
    this.o.logger.warn({ err, retryInMs: waitMs }, `event log read failed (${what}); retrying`);
    this.o.observer?.readFailed?.();
    return waitMs;
  }

  newBackoff(): Backoff {
    return new Backoff(this.o.retryInitialMs ?? 100, this.o.retryMaxMs ?? 5000);
  }

  private wake(): void {
    this.dirty = true;
    void this.pump();
  }

  /** Reads while woken and followed; one read at a time, so wake-ups during a read cost one more read at most. */
  private async pump(): Promise<void> {
    if (this.reading || this.retryTimer || this.disposed) return;
    this.reading = true;
    try {
      while (this.dirty && this.streams.size > 0 && !this.disposed) {
        this.dirty = false;
        let batch: LogEntry[];
        try {
          batch = await this.o.log.readAfter(this.o.db, String(this.cursor), {}, this.batchSize);
          this.backoff.succeeded();
        } catch (err) {
          this.dirty = true;
          const waitMs = this.readFailed(err, this.backoff, 'shared reader');
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.pump();
          }, waitMs);
          this.retryTimer.unref();
          return;
        }
        if (batch.length > 0) this.seq++;
        for (const entry of batch) this.dispatch(entry);
        if (batch.length > 0) this.cursor = BigInt(batch[batch.length - 1].cursor);
        if (batch.length === this.batchSize) this.dirty = true;
      }
    } finally {
      this.reading = false;
    }
  }

  private dispatch(entry: LogEntry): void {
    const cursor = BigInt(entry.cursor);
    for (const key of entryKeys(entry)) {
      const set = this.routes.get(key);
      if (!set) continue;
      // A stream cut here leaves the set while it is walked; a Set's iteration allows that.
      for (const stream of set) stream.offer(entry, cursor);
    }
  }
}

type Waiter = { resolve: (r: IteratorResult<LogEntry>) => void; reject: (e: unknown) => void };

/**
 * One subscription's stream over the shared reader.
 *
 * Join without gap or duplicate: the stream attaches to the reader first, getting the reader's cursor R0
 * (`joinAt`); from then on the reader hands it every matching entry after R0, kept in `pending` while it
 * replays. If its own start cursor C is at or past R0 it is live at once. Otherwise it replays from the
 * database, after C, a page at a time when its consumer wants more, until a page reaches `joinAt` or comes
 * back short from a read issued after `joinAt` was last set (nothing more stored: every entry up to it was
 * visible, the reader had read it). Then the pending entries after the last replayed cursor follow; those at
 * or below it were replayed already and are dropped. Every entry is thus delivered once, in cursor order,
 * whichever of the two paths brought it.
 *
 * Bounds (L = the buffer limit): a replay page holds at most L/4 entries, and so does `pending`: past that
 * it is dropped and `joinAt` moves to the newest entry dropped, so the replay reads those from the database
 * instead. A live stream holding more than L entries falls behind: it goes back to replaying (what arrives
 * is held in `pending` as above), so a consumer slower than a burst catches up from the database at its own
 * pace. A stream that has fallen behind and whose consumer then takes nothing while a later read of the
 * reader overflows its `pending` again is stalled: it is cut (SlowConsumerError, `onSlowConsumer`), after
 * holding at most L + L/4 + 1 entries. A replay read that fails is retried with backoff. `return()` ends it
 * at once, even while it waits (graphql-ws calls it when a client completes or disconnects).
 */
class SharedStream implements AsyncIterableIterator<LogEntry> {
  private readonly buffer: LogEntry[] = [];
  private pending: LogEntry[] = [];
  /** A quarter of the buffer limit: the largest replay page and the most entries held in `pending`. */
  private readonly quarterLimit: number;
  /** The cursor of the last entry buffered (or passed over): nothing at or below it is taken again. */
  private cursor: bigint;
  /** The replay must reach this cursor; the reader holds (in `pending`) what follows it. */
  private joinAt = 0n;
  /** Bumped whenever `joinAt` moves: a short page proves the replay complete only if read after the move. */
  private joinAtVersion = 0;
  private replaying = true;
  /** The reader's read (`readSeq`) in which the live stream fell behind, or null while it has not. */
  private behindSince: number | null = null;
  private tookSinceBehind = false;
  private reading = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private closed = false;
  private failure: SlowConsumerError | null = null;
  private waiter: Waiter | null = null;

  constructor(
    private readonly reader: LogReader,
    readonly request: StreamRequest,
    start: bigint,
    /** The log's head when the stream opened: entries after it are live, the others replayed. */
    private readonly liveAfter: bigint,
  ) {
    this.cursor = start;
    this.backoff = reader.newBackoff();
    this.quarterLimit = Math.max(1, Math.floor(reader.bufferLimit / 4));
  }

  /** Attaches to the reader; live at once when the start cursor is at or past the reader's. */
  join(): void {
    this.joinAt = this.reader.attach(this);
    if (this.cursor >= this.joinAt) this.goLive();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LogEntry> {
    return this;
  }

  next(): Promise<IteratorResult<LogEntry>> {
    const entry = this.buffer.shift();
    if (entry) return Promise.resolve({ value: this.handOver(entry), done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      if (this.replaying) void this.replay();
    });
  }

  async return(): Promise<IteratorResult<LogEntry>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(err: unknown): Promise<IteratorResult<LogEntry>> {
    this.close();
    throw err;
  }

  /** The reader hands over an entry it read (already routed by key; the whole filter is checked here). */
  offer(entry: LogEntry, cursor: bigint): void {
    if (this.closed || !matchesFilter(entry, this.request.filter)) return;
    if (this.replaying) {
      if (this.pending.length < this.quarterLimit) {
        this.pending.push(entry);
        return;
      }
      if (this.behindSince !== null && !this.tookSinceBehind && this.reader.readSeq > this.behindSince) {
        this.cut();
        return;
      }
      // Too much to hold: the replay reads these from the database instead.
      this.pending = [];
      this.moveJoinAt(cursor);
      return;
    }
    if (cursor <= this.cursor) return;
    this.cursor = cursor;
    if (this.request.accept && !this.request.accept(entry)) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve({ value: this.handOver(entry), done: false });
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length > this.reader.bufferLimit) this.fallBehind();
  }

  /** The consumer is slower than the stream: what follows is held in `pending` or replayed later. */
  private fallBehind(): void {
    this.replaying = true;
    this.behindSince = this.reader.readSeq;
    this.tookSinceBehind = false;
    this.moveJoinAt(this.cursor);
  }

  private moveJoinAt(cursor: bigint): void {
    this.joinAt = cursor;
    this.joinAtVersion++;
  }

  private goLive(): void {
    this.replaying = false;
    this.behindSince = null;
    const pending = this.pending;
    this.pending = [];
    for (const entry of pending) this.takeLive(entry);
  }

  private takeLive(entry: LogEntry): void {
    const cursor = BigInt(entry.cursor);
    if (cursor <= this.cursor) return;
    this.cursor = cursor;
    if (!this.request.accept || this.request.accept(entry)) this.buffer.push(entry);
  }

  /** Reads the next page after the cursor while the consumer waits; joins the reader's entries once caught up. */
  private async replay(): Promise<void> {
    if (this.reading || this.retryTimer || this.closed) return;
    this.reading = true;
    try {
      while (!this.closed && this.replaying && this.waiter && this.buffer.length === 0) {
        if (this.cursor >= this.joinAt) {
          this.goLive();
          break;
        }
        const size = Math.min(this.reader.batchSize, this.quarterLimit);
        const version = this.joinAtVersion;
        let batch: LogEntry[];
        try {
          batch = await this.reader.o.log.readAfter(this.reader.o.db, String(this.cursor), this.request.filter, size);
          this.backoff.succeeded();
        } catch (err) {
          const waitMs = this.reader.readFailed(err, this.backoff, 'replay');
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.replay();
          }, waitMs);
          this.retryTimer.unref();
          return;
        }
        if (this.closed) return;
        for (const entry of batch) {
          this.cursor = BigInt(entry.cursor);
          if (!this.request.accept || this.request.accept(entry)) this.buffer.push(entry);
        }
        if (this.cursor >= this.joinAt || (batch.length < size && version === this.joinAtVersion)) this.goLive();
      }
      const entry = this.waiter && this.buffer.shift();
      if (entry && this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w.resolve({ value: this.handOver(entry), done: false });
      }
    } finally {
      this.reading = false;
    }
  }

  /** The entry as given to the consumer; a live one has its delivery lag reported. */
  private handOver(entry: LogEntry): LogEntry {
    this.tookSinceBehind = true;
    const kind = this.request.kind;
    if (kind && BigInt(entry.cursor) > this.liveAfter) this.reader.o.observer?.delivered(kind, entry.createdAt);
    return entry;
  }

  /** Stalled: the buffer is dropped, the stream ends with SlowConsumerError and its hook runs. */
  private cut(): void {
    this.failure = new SlowConsumerError(this.reader.bufferLimit);
    this.close();
    if (this.request.kind) this.reader.o.observer?.cut?.(this.request.kind);
    this.request.onSlowConsumer?.();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.closed(this);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.request.kind) this.reader.o.observer?.ended(this.request.kind);
    this.buffer.length = 0;
    this.pending = [];
    const w = this.waiter;
    this.waiter = null;
    if (!w) return;
    if (this.failure) {
      w.reject(this.failure);
      this.failure = null;
    } else w.resolve({ value: undefined, done: true });
  }
}
