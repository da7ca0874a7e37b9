/**
 * The simulator's timers: real `setTimeout`s it can cancel all at once on stop. Delays are real ms (the
 * callers scale platform durations with the clock first).
 */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Runs `fn` after `ms`; returns a cancel function. After `clear()` nothing is scheduled any more. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `ms` (never, once cleared: the caller's work is abandoned). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => void this.after(ms, resolve));
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  clear(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
