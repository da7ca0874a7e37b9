import type { Config } from '../config';
import type { Logger } from '../shared/logger';
import type { Db } from './db';
import { migrate } from './migrations';
import { PgDb } from './pg-db';
import { PgliteDb } from './pglite-db';

/**
 * Opens the store the configuration asks for (DATABASE_URL → PostgreSQL, else PGlite under DATA_DIR) and
 * brings its schema up to date. On a migration failure the connection is closed before rethrowing.
 */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>, logger: Logger): Promise<Db> {
  const db: Db = config.databaseUrl ? new PgDb({ connectionString: config.databaseUrl }) : await PgliteDb.open(config.dataDir);
  try {
    await migrate(db, logger);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  logger.debug({ kind: db.kind }, 'store open');
  return db;
}
