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

export async function createPgTestSchema(): Promise<PgTestSchema> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => c.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: () => admin(async (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
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
