import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway schema on the test PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
 * so test runs never see each other's rows. `url` pins `search_path` to it for every pooled connection.
 */
export interface PgTestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Schemas of one jest run start with `t_<run id>_` (see services.ts), so the global teardown can find leftovers. */
const runPrefix = (): string => `t_${(process.env.PN_TEST_RUN_ID ?? 'adhoc').replace(/[^a-z0-9]/g, '')}_`;

export async function createPgTestSchema(): Promise<PgTestSchema> {
  const schema = `${runPrefix()}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => c.query(`CREATE SCHEMA ${schema}`));
  return pgTestSchema(schema);
}

/** An existing schema made by createPgTestSchema (e.g. a second gateway on the same store). */
export function pgTestSchema(schema: string): PgTestSchema {
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error(`not a test schema name: ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: () => admin(async (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

/** Drops every schema this jest run left behind (kept data directories of restart tests); returns how many. */
export async function dropRunSchemas(): Promise<number> {
  return admin(async (c) => {
    const { rows } = await c.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)`, [runPrefix()]);
    for (const { nspname } of rows) await c.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
    return rows.length;
  });
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`The store tests need PostgreSQL at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${(err as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
