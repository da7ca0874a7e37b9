import type { Queryable } from '../store/db';

/**
 * Replay protection shared by every gateway instance on one PostgreSQL: a nonce accepted by any instance is
 * refused by all of them until it expires. The in-process NonceCache still answers first (cheap, and catches
 * replays to the same instance); this ledger decides across instances with a primary key, not with memory.
 */
export interface NonceLedgerOptions {
  /** How long a nonce is remembered, milliseconds (twice the Created window, as for NonceCache). */
  keepMs: number;
  /** Expired rows are deleted at most this often per process, milliseconds (default 60000). */
  cleanupEveryMs?: number;
}

export class NonceLedger {
  private lastCleanupMs = 0;
  private readonly cleanupEveryMs: number;

  constructor(
    private readonly db: Queryable,
    private readonly o: NonceLedgerOptions,
  ) {
    this.cleanupEveryMs = o.cleanupEveryMs ?? 60_000;
  }

  /**
   * Records `nonce` for `app` as seen at `nowMs`; true when it was already recorded and has not expired (a
   * replay). An expired row is taken over by the new push. Throws when the store cannot answer: the caller
   * must then refuse the push (503), not accept it unchecked.
   */
  async seen(app: string, nonce: string, nowMs: number): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO push_nonces (app, nonce, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (app, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE push_nonces.expires_at <= $4
       RETURNING nonce`,
      [app, nonce, new Date(nowMs + this.o.keepMs), new Date(nowMs)],
    );
    if (nowMs - this.lastCleanupMs >= this.cleanupEveryMs) {
      this.lastCleanupMs = nowMs;
      await this.db.query('DELETE FROM push_nonces WHERE expires_at <= $1', [new Date(nowMs)]);
    }
    return rows.length === 0;
  }
}
