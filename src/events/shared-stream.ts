import type { Db } from '../store/db';
import type { Backoff } from './backoff';
import type { EventLog, LogFilter } from './event-log';
import type { StreamObserver, SubscriptionKind } from './stream-observer';
import { matchesFilter } from './stream-routes';
import type { LogEntry } from './topics';

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

/** What a stream needs of the reader that feeds it (LogReader). */
export interface StreamHost {
  readonly o: { readonly db: Db; readonly log: EventLog; readonly observer?: StreamObserver };
  /** Entries read per query. */
  readonly batchSize: number;
  /** Entries a stream may hold that its consumer has not taken yet. */
  readonly bufferLimit: number;
  /** The number of the reader's latest read that returned entries. */
  readonly readSeq: number;
  /** Registers the stream; from then on it is offered every matching entry after the returned cursor. */
  attach(stream: SharedStream): bigint;
  /** The stream has ended: it is offered nothing more. */
  closed(stream: SharedStream): void;
  /** Reports a failed replay read; returns the wait before the retry. */
  readFailed(err: unknown, backoff: Backoff, what: string): number;
  newBackoff(): Backoff;
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
export class SharedStream implements AsyncIterableIterator<LogEntry> {
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
    private readonly reader: StreamHost,
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
