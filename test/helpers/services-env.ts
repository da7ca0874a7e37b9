import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../../src/config';
import { createPgTestSchema, pgTestSchema, type PgTestSchema } from './pg-schema';
import { TEST_REDIS_URL, TEST_SERVICES } from './services';

export interface ServicesEnv {
  /** DATABASE_URL, REDIS_URL and REDIS_PREFIX to give the gateway; empty in embedded mode. */
  env: Record<string, string>;
  /** Drops the schema unless it belongs to a kept data directory (the global teardown drops those). */
  release(): Promise<void>;
}

const SCHEMA_FILE = 'pg-test-schema';

/**
 * In services mode (TEST_SERVICES=1), the PostgreSQL schema and Redis prefix of a test gateway, unless the
 * test chose its own DATABASE_URL. The schema belongs to the data directory: a kept directory (a restart
 * test) remembers its schema in a file, so the next gateway on that directory finds the same store.
 */
export async function servicesEnvFor(env: Env, dataDir: string, kept: boolean): Promise<ServicesEnv> {
  if (!TEST_SERVICES || env.DATABASE_URL) return { env: {}, release: async () => undefined };
  const file = join(dataDir, SCHEMA_FILE);
  let schema: PgTestSchema;
  if (kept && existsSync(file)) schema = pgTestSchema((await readFile(file, 'utf8')).trim());
  else {
    schema = await createPgTestSchema();
    if (kept) await writeFile(file, schema.schema);
  }
  return {
    env: { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `pn-test:${schema.schema}:` },
    release: kept ? async () => undefined : () => schema.drop(),
  };
}
