import { cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../shared/logger';
import type { Db } from './db';
import { migrate } from './migrations';

/**
 * Opens the store the configuration asks for (DATABASE_URL → PostgreSQL, else PGlite under DATA_DIR) and
 * brings its schema up to date. On a migration failure the connection is closed before rethrowing.
 * `templateDir`: where the build's empty PGlite cluster is (tests point it elsewhere).
 */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>, logger: Logger, templateDir: string = TEMPLATE_DIR): Promise<Db> {
  if (!config.databaseUrl) await seedPgliteCluster(config.dataDir, templateDir, logger);
  // Each driver is loaded only when used: a sandbox start never loads `pg`, a PostgreSQL one never PGlite.
  const db: Db = config.databaseUrl
    ? new (await import('./pg-db')).PgDb({ connectionString: config.databaseUrl })
    : await (await import('./pglite-db')).PgliteDb.open(config.dataDir);
  try {
    await migrate(db, logger);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  logger.debug({ kind: db.kind }, 'store open');
  return db;
}

/**
 * An empty PGlite cluster made by the build (`scripts/build-if-stale.mjs`, `dist/pglite-template/`), with the
 * PGlite version that made it in `PGLITE_VERSION`. Relative to the compiled file (`dist/src/store/`); absent
 * when running from sources (tests), and then PGlite runs initdb itself.
 */
const TEMPLATE_DIR = join(__dirname, '..', '..', 'pglite-template');

/**
 * On a fresh DATA_DIR, copies the build's empty cluster to `<DATA_DIR>/pglite` instead of letting PGlite run
 * initdb, which is most of a fresh sandbox start (about 2.5 of 3.3 s here; a copy of the stopped cluster's
 * ~28 MB takes well under 0.1 s and is a valid PostgreSQL data directory). Only when the template was made
 * by the PGlite version installed now; copied under a temporary name and renamed, so a start killed mid-copy
 * leaves no half cluster. Any doubt (no template, other version, copy failed) falls back to initdb.
 * The caller holds the DATA_DIR lock.
 */
async function seedPgliteCluster(dataDir: string, templateDir: string, logger: Logger): Promise<void> {
  const target = join(dataDir, 'pglite');
  if (await exists(target)) return;
  const [made, installed] = await Promise.all([readVersion(join(templateDir, 'PGLITE_VERSION')), installedPgliteVersion()]);
  if (made === null || made !== installed) return;
  const staging = `${target}.seeding`;
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await cp(templateDir, staging, { recursive: true, filter: (source) => basename(source) !== 'PGLITE_VERSION' });
    await rename(staging, target);
    logger.debug({ template: templateDir }, 'store seeded from the build template');
  } catch (err) {
    logger.warn({ err }, 'store template not copied; PGlite initialises the store itself');
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function readVersion(file: string): Promise<string | null> {
  return readFile(file, 'utf8').then(
    (s) => s.trim(),
    () => null,
  );
}

async function installedPgliteVersion(): Promise<string | null> {
  // The package's exports do not include its package.json; it sits one level above the resolved entry (dist/).
  const pkg = await readVersion(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'));
  if (pkg === null) return null;
  const version = (JSON.parse(pkg) as { version?: unknown }).version;
  return typeof version === 'string' ? version : null;
}
