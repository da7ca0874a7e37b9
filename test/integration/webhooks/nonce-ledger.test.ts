import type { Db } from '../../../src/store/db';
import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { PgliteDb } from '../../../src/store/pglite-db';
import { NonceLedger } from '../../../src/webhooks/nonce-ledger';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';

const KEEP_MS = 600_000;
const T0 = Date.UTC(2024, 4, 6, 1, 15, 40);

/** The ledger's answers on one driver: the same on PGlite and PostgreSQL. */
function ledgerCases(open: () => Promise<{ db: Db; close: () => Promise<void> }>): void {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await open());
    await migrate(db, silentLogger());
  });
  afterAll(() => close());

  const claim = (l: NonceLedger, app: string, nonce: string, hash: string, at: number) => db.transaction((tx) => l.claim(tx, app, nonce, hash, at));

  it('a nonce is fresh once per app until it expires; with the same body it is a duplicate, with another a replay', async () => {
    const [a, b] = [new NonceLedger({ keepMs: KEEP_MS }), new NonceLedger({ keepMs: KEEP_MS })];
    expect(await claim(a, 'app-1', 'n-1', 'h1', T0)).toBe('fresh');
    expect(await claim(b, 'app-1', 'n-1', 'h1', T0 + 1000)).toBe('duplicate');
    expect(await claim(b, 'app-1', 'n-1', 'h2', T0 + 1000)).toBe('replay');
    expect(await claim(b, 'app-2', 'n-1', 'h2', T0 + 1000)).toBe('fresh');
    expect(await claim(a, 'app-1', 'n-1', 'h2', T0 + KEEP_MS + 1)).toBe('fresh');
    expect(await claim(b, 'app-1', 'n-1', 'h1', T0 + KEEP_MS + 2)).toBe('replay');
  });

  it('a claim in a transaction that rolls back leaves no nonce behind', async () => {
    const ledger = new NonceLedger({ keepMs: KEEP_MS });
    await expect(db.transaction(async (tx) => {
      await ledger.claim(tx, 'app-1', 'rolled-back', 'h', T0);
      throw new Error('store failed');
    })).rejects.toThrow('store failed');
    expect(await claim(ledger, 'app-1', 'rolled-back', 'h', T0 + 1)).toBe('fresh');
  });

  it('deletes expired rows from time to time', async () => {
    const ledger = new NonceLedger({ keepMs: 1000, cleanupEveryMs: 0 });
    await claim(ledger, 'app-3', 'old', 'h', T0);
    await claim(ledger, 'app-3', 'new', 'h', T0 + 5000);
    const { rows } = await db.query<{ nonce: string }>("SELECT nonce FROM push_nonces WHERE app = 'app-3'");
    expect(rows.map((r) => r.nonce)).toEqual(['new']);
  });
}

describe('push nonces on PGlite', () => {
  ledgerCases(async () => {
    const db = await PgliteDb.open(null);
    return { db, close: () => db.close() };
  });
});

describe('push nonces shared through PostgreSQL', () => {
  let schema: PgTestSchema;
  ledgerCases(async () => {
    schema = await createPgTestSchema();
    const db = new PgDb({ connectionString: schema.url });
    return { db, close: async () => (await db.close(), await schema.drop()) };
  });

  it('racing claims of one nonce: exactly one is fresh, the others see the same body', async () => {
    const db = new PgDb({ connectionString: schema.url });
    try {
      const ledgers = Array.from({ length: 6 }, () => new NonceLedger({ keepMs: KEEP_MS }));
      const results = await Promise.all(ledgers.map((l) => db.transaction((tx) => l.claim(tx, 'app-1', 'race', 'h', T0))));
      expect(results.filter((r) => r === 'fresh')).toHaveLength(1);
      expect(results.filter((r) => r === 'duplicate')).toHaveLength(5);
    } finally {
      await db.close();
    }
  });
});
