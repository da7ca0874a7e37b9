import type { Db } from '../store/db';
import type { EventLog, LogFilter } from './event-log';
import type { PubSub } from './pubsub';
import type { StreamObserver, SubscriptionKind } from './stream-observer';
import type { LogEntry } from './topics';

export interface LiveStreamOptions {
  db: Db;
  log: EventLog;
  pubsub: PubSub;
  /** Channels whose wake-ups concern this stream (e.g. the app's channel). */
  channels: readonly string[];
  filter: LogFilter;
  /** Resume after this cursor (replay first); absent = only what is appended from now on. */
  after?: string | null;
  /** Entries read per query (default 200). */
  batchSize?: number;
  /** Optional extra predicate applied after the SQL filter. */
  accept?: (entry: LogEntry) => boolean;
  /** Reports opening, end and live deliveries of this stream, under `kind` (optional). */
  observer?: { kind: SubscriptionKind; observer: StreamObserver };
}

/**
 * Replay-then-live as one mechanism: the stream keeps the cursor of the last entry it read and, whenever it
 * is woken (at start, and by any wake-up on its channels) and its consumer wants more, reads the log after
 * that cursor. Because the log becomes visible in cursor order, this yields every matching entry exactly
 * once, in order, with no gap between replay and live, whichever process wrote the entry.
 *
 * It subscribes before it reads, so nothing committed in between is missed. It reads only when its buffer
 * is empty, so a slow consumer holds back reads instead of growing memory. `return()` ends it at once, even
 * while it waits (graphql-ws calls it when a client completes or disconnects).
 */
export async function openLiveStream(options: LiveStreamOptions): Promise<AsyncIterableIterator<LogEntry>> {
  const stream = new LiveStream(options);
  await stream.open();
  return stream;
}

type Waiter = { resolve: (r: IteratorResult<LogEntry>) => void; reject: (e: unknown) => void };

class LiveStream implements AsyncIterableIterator<LogEntry> {
  private readonly buffer: LogEntry[] = [];
  private cursor = '0';
  /** The log's head when the stream opened: entries after it are live, the others replayed. */
  private liveAfter = 0n;
  private observed = false;
  private dirty = true;
  private reading = false;
  private closed = false;
  private waiter: Waiter | null = null;
  private unsubscribes: (() => void)[] = [];

  constructor(private readonly o: LiveStreamOptions) {}

  async open(): Promise<void> {
    this.unsubscribes = await Promise.all(this.o.channels.map((c) => this.o.pubsub.subscribe(c, () => this.wake())));
    try {
      const head = await this.o.log.head(this.o.db);
      this.liveAfter = BigInt(head);
      this.cursor = this.o.after ?? head;
    } catch (err) {
      this.close();
      throw err;
    }
    if (this.closed) return;
    this.observed = true;
    this.o.observer?.observer.opened(this.o.observer.kind);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LogEntry> {
    return this;
  }

  next(): Promise<IteratorResult<LogEntry>> {
    const entry = this.buffer.shift();
    if (entry) return Promise.resolve({ value: this.handOver(entry), done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      void this.pump();
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

  /** The entry as given to the consumer; a live one has its delivery lag reported. */
  private handOver(entry: LogEntry): LogEntry {
    if (this.o.observer && BigInt(entry.cursor) > this.liveAfter) this.o.observer.observer.delivered(this.o.observer.kind, entry.createdAt);
    return entry;
  }

  private wake(): void {
    this.dirty = true;
    if (this.waiter) void this.pump();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    if (this.observed) this.o.observer?.observer.ended(this.o.observer.kind);
    this.buffer.length = 0;
    this.waiter?.resolve({ value: undefined, done: true });
    this.waiter = null;
  }

  /** Reads after the cursor while woken and wanted; hands the first entry to the waiting consumer. */
  private async pump(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      while (!this.closed && this.waiter && this.buffer.length === 0 && this.dirty) {
        this.dirty = false;
        const size = this.o.batchSize ?? 200;
        const batch = await this.o.log.readAfter(this.o.db, this.cursor, this.o.filter, size);
        if (this.closed) return;
        for (const entry of batch) {
          this.cursor = entry.cursor;
          if (!this.o.accept || this.o.accept(entry)) this.buffer.push(entry);
        }
        if (batch.length === size) this.dirty = true;
      }
      const entry = this.waiter && this.buffer.shift();
      if (entry && this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w.resolve({ value: this.handOver(entry), done: false });
      }
    } catch (err) {
      const w = this.waiter;
      this.waiter = null;
      this.close();
      w?.reject(err);
    } finally {
      this.reading = false;
    }
  }
}
