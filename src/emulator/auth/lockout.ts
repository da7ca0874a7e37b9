import type { Clock } from '../clock';

/**
 * IP lock-out after repeated authentication failures (rest-api.md §2.4): `threshold` failures from one IP
 * within `windowMs` lock it for `lockMs`, during which every request gets 1020176. Threshold 0 disables.
 */
export class IpLockout {
  private readonly failures = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly lockMs: number,
  ) {}

  isLocked(ip: string): boolean {
    const until = this.lockedUntil.get(ip);
    if (until === undefined) return false;
    if (until > this.clock.now()) return true;
    this.lockedUntil.delete(ip);
    return false;
  }

  recordFailure(ip: string): void {
    if (this.threshold <= 0) return;
    const now = this.clock.now();
    const recent = (this.failures.get(ip) ?? []).filter((t) => t > now - this.windowMs);
    recent.push(now);
    if (recent.length >= this.threshold) {
      this.lockedUntil.set(ip, now + this.lockMs);
      this.failures.delete(ip);
      return;
    }
    this.failures.set(ip, recent);
  }
}
