import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { NonceLedger } from '../../../src/webhooks/nonce-ledger';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';

describe('push nonces shared through PostgreSQL', () => {
  let schema: PgTestSchema;
  let db: PgDb;
  const KEEP_MS = 600_000;
  const T0 = Date.UTC(2024, 4, 6, 1, 15, 40);

  beforeAll(async () => {
    schema = await createPgTestSchema();
    db = new PgDb({ connectionString: schema.url });
    await migrate(db, silentLogger());
  });
  afterAll(async () => {
    await db.close();
    await schema.drop();
  });

  it('a nonce is new once per app until it expires, whichever ledger (instance) sees it', async () => {
    const [a, b] = [new NonceLedger(db, { keepMs: KEEP_MS }), new NonceLedger(db, { keepMs: KEEP_MS })];
    expect(await a.seen('app-1', 'n-1', T0)).toBe(false);
    expect(await b.seen('app-1', 'n-1', T0 + 1000)).toBe(true);
    expect(await b.seen('app-2', 'n-1', T0 + 1000)).toBe(false);
    expect(await a.seen('app-1', 'n-1', T0 + KEEP_MS + 1)).toBe(false);
    expect(await b.seen('app-1', 'n-1', T0 + KEEP_MS + 2)).toBe(true);
  });

  it('racing claims of one nonce: exactly one is new', async () => {
    const ledgers = Array.from({ length: 6 }, () => new NonceLedger(db, { keepMs: KEEP_MS }));
    const results = await Promise.all(ledgers.map((l) => l.seen('app-1', 'race', T0)));
    expect(results.filter((replay) => !replay)).toHaveLength(1);
  });

  it('deletes expired rows from time to time', async () => {
    const ledger = new NonceLedger(db, { keepMs: 1000, cleanupEveryMs: 0 });
    await ledger.seen('app-3', 'old', T0);
    await ledger.seen('app-3', 'new', T0 + 5000);
    const { rows } = await db.query<{ nonce: string }>("SELECT nonce FROM push_nonces WHERE app = 'app-3'");
    expect(rows.map((r) => r.nonce)).toEqual(['new']);
  });
});
