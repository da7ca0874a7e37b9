import { createHash } from 'node:crypto';
import { ErrorCode, GatewayError } from '../errors';
import { PlatformError } from '../platform';
import type { Db } from '../store/db';

/**
 * Idempotency keys for creates (table `idempotency_keys`), decided by the database so that two requests
 * racing on one key — in one process or on two instances — call the platform once:
 *
 * - the first request inserts the key as `pending` (a unique key decides the winner) and runs the work;
 *   on success the key becomes `done` with the binding id; on a failure whose outcome is known (a refusal,
 *   nothing sent) the key is removed so the same request may be tried again; when the answer was lost (the
 *   platform may have bound: timeout, reset after sending) the key becomes `unknown`;
 * - a request with the same key and input on an `unknown` key takes it over and first calls `settle`, which
 *   asks the platform for the binding the lost request made: found → mirrored and returned, never bound
 *   again; not found → bound once;
 * - a request with the same key and the same input waits for `done` and returns the same binding id;
 * - the same key with a different input is a CONFLICT.
 *
 * A `pending` key older than `staleAfterMs` belongs to a process that died mid-request; the outcome of its
 * platform call is unknown, and the key is taken over (documented limitation: the platform itself rejects a
 * duplicate party on the same number, which bounds the damage).
 */
export interface IdempotencyOptions {
  /** How long a waiting request polls for the winner's outcome before answering CONFLICT (default 30 s). */
  waitTimeoutMs?: number;
  /** Poll interval while waiting (default 25 ms). */
  pollMs?: number;
  /** Age after which a pending key is considered abandoned (default 120 s). */
  staleAfterMs?: number;
}

interface KeyRow {
  request_hash: string;
  state: 'pending' | 'done' | 'unknown';
  result_id: string | null;
  updated_at: Date | string;
}

/** Stable hash of an input object: key order does not matter, undefined and null are the same. */
export function hashInput(input: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v as object)
          .filter((k) => (v as Record<string, unknown>)[k] != null)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

/** Marks the key done with the binding id, inside the transaction that writes the mirror. */
export type MarkDone = (tx: { query: Db['query'] }, id: string) => Promise<void>;
/** Runs the create; returns the binding id. */
export type CreateWork = (markDone: MarkDone) => Promise<string>;
/** Finds (and mirrors, calling `markDone`) the binding a lost create made; null when the platform has none. */
export type SettleWork = (markDone: MarkDone) => Promise<string | null>;

/** A write whose answer was lost: the platform may have done it (see PlatformError.retryable). */
export function isOutcomeUnknown(err: unknown): boolean {
  return err instanceof PlatformError && !err.retryable && err.kind !== 'rejected';
}

export class IdempotencyStore {
  private readonly waitTimeoutMs: number;
  private readonly pollMs: number;
  private readonly staleAfterMs: number;

  constructor(
    private readonly db: Db,
    options: IdempotencyOptions = {},
  ) {
    this.waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
    this.pollMs = options.pollMs ?? 25;
    this.staleAfterMs = options.staleAfterMs ?? 120_000;
  }

  /**
   * Runs `create` at most once per (scope, key) and input. `create` returns the new binding id and must
   * itself call `commit(tx)`-style persistence through `finish`: the key is marked done in the same
   * transaction that writes the mirror, so a crash never leaves a done key without its binding.
   */
  async run(
    scope: string,
    key: string,
    input: unknown,
    create: CreateWork,
    settle: SettleWork = async () => null,
  ): Promise<{ id: string; replayed: boolean }> {
    const hash = hashInput(input);
    const deadline = Date.now() + this.waitTimeoutMs;
    for (;;) {
      const inserted = await this.db.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, updated_at)
         VALUES ($1, $2, $3, 'pending', now(), now()) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
        [scope, key, hash],
      );
      if (inserted.rows.length === 1) return { id: await this.own(scope, key, create), replayed: false };

      const { rows } = await this.db.query<KeyRow>(
        'SELECT request_hash, state, result_id, updated_at FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const row = rows[0];
      if (!row) continue; // the owner failed and released the key: try to take it
      if (row.request_hash !== hash) {
        throw new GatewayError(ErrorCode.Conflict, `idempotencyKey "${key}" was already used with a different input`, { field: 'input.idempotencyKey' });
      }
      if (row.state === 'done' && row.result_id) return { id: row.result_id, replayed: true };
      if (row.state === 'unknown') {
        const taken = await this.db.query(
          `UPDATE idempotency_keys SET state = 'pending', updated_at = now() WHERE scope = $1 AND key = $2 AND state = 'unknown' RETURNING key`,
          [scope, key],
        );
        if (taken.rows.length === 1) return { id: await this.own(scope, key, async (markDone) => (await settle(markDone)) ?? create(markDone)), replayed: true };
        continue;
      }
      const age = Date.now() - new Date(row.updated_at).getTime();
      if (age > this.staleAfterMs) {
        const taken = await this.db.query(
          `UPDATE idempotency_keys SET updated_at = now() WHERE scope = $1 AND key = $2 AND state = 'pending' AND updated_at = $3 RETURNING key`,
          [scope, key, row.updated_at],
        );
        if (taken.rows.length === 1) return { id: await this.own(scope, key, create), replayed: false };
        continue;
      }
      if (Date.now() > deadline) {
        throw new GatewayError(ErrorCode.Conflict, `idempotencyKey "${key}" is still in progress; retry later`, { field: 'input.idempotencyKey', retryable: true });
      }
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  private async own(scope: string, key: string, create: CreateWork): Promise<string> {
    try {
      return await create(async (tx, id) => {
        await tx.query(
          `UPDATE idempotency_keys SET state = 'done', result_id = $3, updated_at = now() WHERE scope = $1 AND key = $2`,
          [scope, key, id],
        );
      });
    } catch (err) {
      const release = isOutcomeUnknown(err)
        ? `UPDATE idempotency_keys SET state = 'unknown', updated_at = now() WHERE scope = $1 AND key = $2 AND state = 'pending'`
        : `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'pending'`;
      await this.db.query(release, [scope, key]).catch(() => undefined);
      throw err;
    }
  }
}
