/** Thrown by `Semaphore.run` when `maxQueue` callers already wait: the caller is refused at once. */
export class QueueFullError extends Error {
  constructor(readonly maxQueue: number) {
    super(`${maxQueue} callers already wait for a platform slot`);
    this.name = 'QueueFullError';
  }
}

/**
 * A counting semaphore: at most `limit` holders at once, at most `maxQueue` more waiting in FIFO order (beyond
 * that `run` throws QueueFullError at once). A waiter whose signal aborts leaves the queue and gets the
 * signal's reason, so a deadline covers the wait for a slot too. Bounds the requests one client has in
 * flight, so a burst of GraphQL traffic cannot open hundreds of connections to the platform.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`);
    if (!(maxQueue >= 0)) throw new RangeError(`Semaphore maxQueue must be 0 or more, got ${maxQueue}`);
  }

  /** Holders right now; for tests and metrics. */
  get inUse(): number {
    return this.active;
  }

  /** Callers waiting for a slot right now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` once a slot is free and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new QueueFullError(this.maxQueue));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter = (): void => (signal?.removeEventListener('abort', onAbort), resolve());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot straight to the next waiter, so `active` never drops below the queue's need. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
