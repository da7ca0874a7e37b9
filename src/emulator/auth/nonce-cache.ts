/**
 * Nonces seen per app inside the auth window, for the optional replay check. An entry is kept for twice
 * the window: long enough that a replay with the same Created cannot pass the window check again.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly keepMs: number) {}

  /** True the first time (appKey, nonce) is seen within the keep time; false for a replay. */
  claim(appKey: string, nonce: string, nowMs: number): boolean {
    for (const [key, until] of this.seen) if (until <= nowMs) this.seen.delete(key);
    const key = `${appKey}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowMs + this.keepMs);
    return true;
  }
}
