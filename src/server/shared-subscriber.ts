import type { ExecutionResult } from 'graphql';
import { WebSocket } from 'ws';

/** What the transport tells a shared subscription about one of its subscribers. */
export interface SubscriberOptions {
  socket: WebSocket;
  /** The graphql-ws operation id: the `id` of every `next` message this subscriber gets. */
  id: string;
  /** When the subscriber's credential stops being valid; null = never. */
  expiresAt: Date | null;
  /** The result sent once the credential has expired (an UNAUTHENTICATED error); the subscription then completes. */
  expiredResult: () => ExecutionResult;
  /** Runs once when the subscriber is cut for stalling (the transport closes its socket with 4008). */
  onCut: () => void;
}

/** The longest delay a Node.js timer takes; a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DONE: IteratorResult<ExecutionResult> = { value: undefined, done: true };

/**
 * One subscriber of a shared subscription. Its shared results never pass through graphql-ws: they are written
 * straight to its socket as ready-made `next` frames (`send`), because graphql-ws serializes every message
 * with JSON.stringify and this Node.js has no JSON.rawJSON to splice bytes in. To graphql-ws it is the
 * operation's result stream (an async iterator): `next()` waits until the subscription ends (done), fails
 * (rejects) or the credential expires (one error result, then done); graphql-ws's `return()` — the client's
 * `complete`, its socket closing — leaves the shared subscription at once, even while a `next()` waits.
 */
export class SharedSubscriber implements AsyncIterableIterator<ExecutionResult> {
  /** Frames handed to the socket whose write has not completed yet. */
  pending = 0;
  /** Frames whose write completed, ever: progress between two looks tells a slow client from a stalled one. */
  flushed = 0;
  private waiting: { resolve: (r: IteratorResult<ExecutionResult>) => void; reject: (err: unknown) => void } | null = null;
  private outcome: { kind: 'done' } | { kind: 'failed'; error: unknown } | { kind: 'expired' } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly afterWrite = () => {
    this.pending--;
    this.flushed++;
  };

  constructor(
    readonly options: SubscriberOptions,
    /** Removes this subscriber from its shared subscription (idempotent). */
    private readonly leave: (subscriber: SharedSubscriber) => void,
  ) {
    if (options.expiresAt) this.armExpiry(options.expiresAt);
  }

  get id(): string {
    return this.options.id;
  }

  /** Writes one shared `next` frame (text) unless the socket is closing; false when not written. */
  send(frame: Buffer): boolean {
    const { socket } = this.options;
    if (socket.readyState !== WebSocket.OPEN) return false;
    this.pending++;
    socket.send(frame, { binary: false }, this.afterWrite);
    return true;
  }

  /** The shared subscription ended (`error` undefined) or failed: graphql-ws completes it or sends the error. */
  end(error?: unknown): void {
    this.settle(error === undefined ? { kind: 'done' } : { kind: 'failed', error });
  }

  /** Stalled: leaves, lets the transport close the socket, and ends silently (the client resumes with `after:`). */
  cut(): void {
    if (this.outcome) return;
    this.leave(this);
    this.settle({ kind: 'done' });
    this.options.onCut();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const outcome = this.outcome;
    if (outcome === null) return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
    this.outcome = { kind: 'done' };
    switch (outcome.kind) {
      case 'done':
        return Promise.resolve(DONE);
      case 'failed':
        return Promise.reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
      case 'expired':
        return Promise.resolve({ value: this.options.expiredResult(), done: false });
    }
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.leave(this);
    this.settle({ kind: 'done' });
    return Promise.resolve(DONE);
  }

  throw(): Promise<IteratorResult<ExecutionResult>> {
    return this.return();
  }

  private settle(outcome: NonNullable<SharedSubscriber['outcome']>): void {
    clearTimeout(this.timer);
    if (this.outcome) return;
    this.outcome = outcome;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) void this.next().then(waiting.resolve, waiting.reject);
  }

  private armExpiry(expiresAt: Date): void {
    const delay = expiresAt.getTime() - Date.now();
    this.timer = setTimeout(() => {
      if (Date.now() < expiresAt.getTime()) return this.armExpiry(expiresAt);
      this.leave(this);
      this.settle({ kind: 'expired' });
    }, Math.min(Math.max(0, delay), MAX_TIMER_MS));
    this.timer.unref();
  }
}
