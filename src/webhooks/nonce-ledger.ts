import type { Queryable } from '../store/db';

/**
 * Replay protection for push signatures (push-api.md §1.3 step 5), kept in `push_nonces` on every driver:
 * the nonce of a signed push is recorded in the same transaction that stores the push, with the hash of the
 * raw body it came with. So a push whose store failed (503) left no nonce behind and the platform's retry,
 * which may carry the same headers, is accepted; a replay after a restart is still recognised; and every
 * instance on one PostgreSQL sees the nonces of the others (the primary key decides, not memory).
 */
export interface NonceLedgerOptions {
  /**
   * How long a nonce is remembered, ms. Twice the Created window: a push whose Created is up to one window
   * in the future stays acceptable for two windows from now, so a replay within that time must be caught.
   */
  keepMs: number;
  /** Expired rows are deleted at most this often per process, milliseconds (default 60000). */
  cleanupEveryMs?: number;
}

/**
 * `fresh`: first time (now recorded); `duplicate`: recorded before with the same body (the platform's retry,
 * or a replay of the very same push: nothing to change); `replay`: recorded before with another body.
 */
export type NonceClaim = 'fresh' | 'duplicate' | 'replay';

export class NonceLedger {
  private lastCleanupMs = 0;
  private readonly cleanupEveryMs: number;

  constructor(private readonly o: NonceLedgerOptions) {
    this.cleanupEveryMs = o.cleanupEveryMs ?? 60_000;
  }

  /**
   * Records `nonce` for `app` with `bodyHash`, inside `tx` (the push's store transaction). An expired row is
   * taken over. Two transactions claiming one nonce at once: the second waits on the first's row, then sees it.
   */
  async claim(tx: Queryable, app: string, nonce: string, bodyHash: string, nowMs: number): Promise<NonceClaim> {
    const now = new Date(nowMs);
    const { rows } = await tx.query(
      `INSERT INTO push_nonces (app, nonce, expires_at, body_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (app, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at, body_hash = EXCLUDED.body_hash
       WHERE push_nonces.expires_at <= $5
       RETURNING nonce`,
      [app, nonce, new Date(nowMs + this.o.keepMs), bodyHash, now],
    );
    if (nowMs - this.lastCleanupMs >= this.cleanupEveryMs) {
      this.lastCleanupMs = nowMs;
      await tx.query('DELETE FROM push_nonces WHERE expires_at <= $1', [now]);
    }
    if (rows.length === 1) return 'fresh';
    const seen = await tx.query<{ body_hash: string | null }>('SELECT body_hash FROM push_nonces WHERE app = $1 AND nonce = $2', [app, nonce]);
    return seen.rows[0]?.body_hash === bodyHash ? 'duplicate' : 'replay';
  }
}
