/**
 * Replay protection for push signatures (push-api.md §1.3 step 5): remembers the nonces of accepted pushes.
 *
 * The interface is one synchronous call so the verifier stays a pure function of its input; it is per
 * process and forgets on restart. The webhook handler does not use it: it claims each nonce in the push's
 * own store transaction (NonceLedger, nonce-ledger.ts), so a failed store leaves no nonce behind and a
 * replay is caught after a restart and across instances. Use one cache per app: keys are bare nonces.
 */
export interface NonceCache {
  /** Records `nonce` as seen at `nowMs`; true when it was already seen within the keep time (a replay). */
  seen(nonce: string, nowMs: number): boolean;
}

export interface InMemoryNonceCacheOptions {
  /**
   * How long a nonce is remembered, ms. Use twice the Created window: a push whose Created is up to one
   * window in the future stays acceptable for two windows from now, so a replay within that time must be caught.
   */
  keepMs: number;
  /** Most nonces kept (default 100 000); the oldest is forgotten first when full, bounding memory under a flood. */
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * A bounded in-memory {@link NonceCache}. Entries live in insertion order, which is time order while the
 * clock moves forward, so expiry and eviction both take from the front: O(1) amortised per call.
 * Forgetting a nonce early under the size cap lets that one replay through; memory stays bounded.
 */
export class InMemoryNonceCache implements NonceCache {
  private readonly expiries = new Map<string, number>();
  private readonly keepMs: number;
  private readonly maxEntries: number;

  constructor(options: InMemoryNonceCacheOptions) {
    this.keepMs = options.keepMs;
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  }

  seen(nonce: string, nowMs: number): boolean {
    this.expire(nowMs);
    const until = this.expiries.get(nonce);
    if (until !== undefined && until > nowMs) return true;
    this.expiries.delete(nonce);
    while (this.expiries.size >= this.maxEntries) this.dropOldest();
    this.expiries.set(nonce, nowMs + this.keepMs);
    return false;
  }

  /** Number of nonces currently remembered. */
  get size(): number {
    return this.expiries.size;
  }

  private expire(nowMs: number): void {
    for (const [nonce, until] of this.expiries) {
      if (until > nowMs) return;
      this.expiries.delete(nonce);
    }
  }

  private dropOldest(): void {
    const oldest = this.expiries.keys().next();
    if (!oldest.done) this.expiries.delete(oldest.value);
  }
}
