/** The user who last reached A through X, until `expiresAtMs` (undefined = while the binding lasts). */
interface CallbackRecord {
  readonly peer: string;
  readonly expiresAtMs?: number;
}

/**
 * AXE callback records (rest-api.md §7): each answered call from B to A through X makes B the number A
 * reaches when A dials X, for the binding's callbackExpiredTime. Only the most recent one counts.
 */
export class CallbackRecords {
  private readonly records = new Map<string, CallbackRecord>();

  /** Remembers `peer` as the latest caller of `a` through `x` in app `app`. */
  record(app: string, x: string, a: string, peer: string, expiresAtMs?: number): void {
    this.records.set(keyOf(app, x, a), { peer, ...(expiresAtMs !== undefined ? { expiresAtMs } : {}) });
  }

  /** The latest caller of `a` through `x` if that record has not expired at `nowMs`. */
  latest(app: string, x: string, a: string, nowMs: number): string | undefined {
    const rec = this.records.get(keyOf(app, x, a));
    if (!rec) return undefined;
    if (rec.expiresAtMs !== undefined && rec.expiresAtMs <= nowMs) {
      this.records.delete(keyOf(app, x, a));
      return undefined;
    }
    return rec.peer;
  }
}

function keyOf(app: string, x: string, a: string): string {
  return `${app}\u0000${x}\u0000${a}`;
}
