/** A retry schedule for a failed read: 0 after a success, then `initial`, doubling up to `max` (milliseconds). */
export class Backoff {
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
