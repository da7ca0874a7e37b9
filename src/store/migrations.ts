import type { Logger } from '../shared/logger';
import type { Db } from './db';
import type { Migration } from './migration';
import { gatewayMeta } from './migrations/001-gateway-meta';
import { bindings } from './migrations/002-bindings';
import { eventLog } from './migrations/003-event-log';
import { callsSms } from './migrations/004-calls-sms';
import { pushNonces } from './migrations/005-push-nonces';
import { pushLedger } from './migrations/006-push-ledger';
import { idempotencyUnknown } from './migrations/008-idempotency-unknown';
import { retention } from './migrations/009-retention';
import { readIndexes } from './migrations/010-read-indexes';
import { unreadCursors } from './migrations/011-unread-cursors';

/**
 * Every migration, in order. A feature that needs tables adds `migrations/NNN-name.ts` and appends it here.
 */
export const MIGRATIONS: readonly Migration[] = [gatewayMeta, bindings, eventLog, callsSms, pushNonces, pushLedger, idempotencyUnknown, retention, readIndexes, unreadCursors];

/** Key of the transaction-scoped advisory lock that serializes migrators of one database. */
export const MIGRATION_LOCK = 7_300_000;

export interface MigrationReport {
  /** Ids applied by this call, in order; empty when the database was already up to date. */
  applied: number[];
}

/**
 * Applies the migrations not yet in `schema_migrations`, all in one transaction: either every pending
 * migration is applied and recorded, or none is. Safe when several processes start at once against one
 * PostgreSQL: the advisory lock makes the second wait, then it sees the first one's rows and applies nothing.
 */
export async function migrate(db: Db, logger: Logger, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  checkOrder(migrations);
  const applied = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id         integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.id)));
    const ids: number[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      ids.push(m.id);
    }
    return ids;
  });
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  return { applied };
}

function checkOrder(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].id <= migrations[i - 1].id) {
      throw new Error(`migrations out of order: ${migrations[i - 1].id}-${migrations[i - 1].name} before ${migrations[i].id}-${migrations[i].name}`);
    }
  }
}
