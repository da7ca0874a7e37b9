/**
 * Counts work in progress (calls playing, SMS flows, CDR batches, pushes queued, in flight or waiting for a
 * retry) so tests can await the moment nothing is left: `idle()`. `reset()` (on stop) forgets everything
 * and wakes every waiter.
 */
export class ActivityTracker {
  private count = 0;
  private generation = 0;
  private waiters: Array<() => void> = [];

  /** Marks one piece of work as started; call the returned function (once is enough) when it is over. */
  hold(): () => void {
    const generation = this.generation;
    let released = false;
    this.count += 1;
    return () => {
      if (released || generation !== this.generation) return;
      released = true;
      this.count -= 1;
      if (this.count === 0) this.wake();
    };
  }

  get busy(): boolean {
    return this.count > 0;
  }

  /** Resolves once no work is held (at once when none is). */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  reset(): void {
    this.generation += 1;
    this.count = 0;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
