import type { Disposable } from '../shared/disposable';
import type { Logger } from '../shared/logger';
import type { Db } from '../store/db';
import { Backoff } from './backoff';
import type { EventLog } from './event-log';
import type { PubSub } from './pubsub';
import { SharedStream, type StreamHost, type StreamRequest } from './shared-stream';
import type { StreamObserver } from './stream-observer';
import { StreamRoutes } from './stream-routes';
import { ALL_CHANNEL, type LogEntry } from './topics';

// What a user of the reader needs of a cut stream: its error, and the close code of its socket.
export { SLOW_CONSUMER_CLOSE_CODE, SlowConsumerError } from './shared-stream';

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

const DEFAULT_BATCH_SIZE = 200;
const DEFAULT_BUFFER_LIMIT = 1000;
const DEFAULT_RETRY_INITIAL_MS = 100;
const DEFAULT_RETRY_MAX_MS = 5000;

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
export class LogReader implements Disposable, StreamHost {
  /** The cursor the reader has read up to: every entry at or below it was handed to the streams attached then. */
  private cursor = 0n;
  private readonly routes = new StreamRoutes<SharedStream>();
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
    this.backoff = this.newBackoff();
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
    this.routes.add(stream, stream.request.filter);
    // What was stored while nobody listened has not been read yet: read it now.
    if (this.dirty) void this.pump();
    return this.cursor;
  }

  private detach(stream: SharedStream): void {
    if (this.streams.delete(stream)) this.routes.remove(stream, stream.request.filter);
  }

  /** A failed read (reader or replay): logged at warn with the error, counted, and the wait before the retry. */
  readFailed(err: unknown, backoff: Backoff, what: string): number {
    const waitMs = backoff.failed();
    this.o.logger.warn({ err, retryInMs: waitMs }, `event log read failed (${what}); retrying`);
    this.o.observer?.readFailed?.();
    return waitMs;
  }

  newBackoff(): Backoff {
    return new Backoff(this.o.retryInitialMs ?? DEFAULT_RETRY_INITIAL_MS, this.o.retryMaxMs ?? DEFAULT_RETRY_MAX_MS);
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

  /** Offers an entry to the streams routed to it (a stream cut here leaves the routes while they are walked). */
  private dispatch(entry: LogEntry): void {
    const cursor = BigInt(entry.cursor);
    this.routes.forEach(entry, (stream) => stream.offer(entry, cursor));
  }
}
