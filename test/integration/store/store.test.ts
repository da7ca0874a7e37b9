import type { Db } from '../../../src/store/db';
import type { Migration } from '../../../src/store/migration';
import { MIGRATIONS, migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { PgliteDb } from '../../../src/store/pglite-db';
import { silentLogger } from '../../../src/shared/logger';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';
import { createTempDir } from '../../helpers/temp-dir';

const logger = silentLogger();
const extra: Migration = { id: 999, name: 'test-items', sql: 'CREATE TABLE items (id bigserial PRIMARY KEY, label text NOT NULL UNIQUE, n int8 NOT NULL DEFAULT 0)' };
const withExtra = [...MIGRATIONS, extra];
const allIds = withExtra.map((m) => m.id);

interface Driver {
  name: string;
  /** Once per suite. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Per test: a fresh, empty schema; `second()` opens another connection to the same one. */
  setup(): Promise<{ db: Db; second(): Promise<Db>; teardown(): Promise<void> }>;
}

/**
 * PGlite starts slowly (initdb), so one instance serves the whole suite and each test gets its own schema
 * through `search_path` (PGlite has a single connection, so the setting holds for everything that follows).
 */
function pgliteDriver(): Driver {
  let dir: { path: string; remove(): Promise<void> };
  let db: PgliteDb;
  let n = 0;
  return {
    name: 'PGlite',
    async open() {
      dir = await createTempDir();
      db = await PgliteDb.open(dir.path);
    },
    async close() {
      await db.close();
      await dir.remove();
    },
    async setup() {
      const schema = `t${++n}`;
      await db.query(`CREATE SCHEMA ${schema}`);
      await db.query(`SET search_path TO ${schema}`);
      return {
        db,
        second: async () => db,
        teardown: async () => {
          await db.query('SET search_path TO public');
          await db.query(`DROP SCHEMA ${schema} CASCADE`);
        },
      };
    },
  };
}

function postgresDriver(): Driver {
  return {
    name: 'PostgreSQL',
    open: async () => undefined,
    close: async () => undefined,
    async setup() {
      const schema: PgTestSchema = await createPgTestSchema();
      const opened: Db[] = [];
      const open = async () => {
        const db = new PgDb({ connectionString: schema.url });
        opened.push(db);
        return db;
      };
      const db = await open();
      return {
        db,
        second: open,
        teardown: async () => {
          for (const d of opened) await d.close();
          await schema.drop();
        },
      };
    },
  };
}

const drivers: Driver[] = [pgliteDriver(), postgresDriver()];

describe.each(drivers)('store on $name', (driver) => {
  let ctx: Awaited<ReturnType<Driver['setup']>>;
  beforeAll(() => driver.open());
  afterAll(() => driver.close());
  beforeEach(async () => {
    ctx = await driver.setup();
  });
  afterEach(async () => {
    await ctx.teardown();
  });

  it('applies each migration once and records it', async () => {
    expect(await migrate(ctx.db, logger, withExtra)).toEqual({ applied: allIds });
    expect(await migrate(ctx.db, logger, withExtra)).toEqual({ applied: [] });
    const { rows } = await ctx.db.query<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
    expect(rows).toEqual(withExtra.map((m) => ({ id: m.id, name: m.name })));
    expect(rows[0]).toEqual({ id: 1, name: 'gateway-meta' });
    const meta = await ctx.db.query<{ value: string }>("SELECT value FROM gateway_meta WHERE key = 'created_at'");
    expect(meta.rows[0].value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('lets two migrators start at once: one applies, the other finds nothing to do', async () => {
    const other = await ctx.second();
    const reports = await Promise.all([migrate(ctx.db, logger, withExtra), migrate(other, logger, withExtra)]);
    expect(reports.map((r) => r.applied).sort()).toEqual([[], allIds]);
    const { rows } = await ctx.db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(rows[0].n).toBe(allIds.length);
  });

  it('applies nothing when one pending migration fails', async () => {
    const broken: Migration = { id: 1000, name: 'broken', sql: 'CREATE TABLE later (x int); SELECT no_such_function()' };
    await expect(migrate(ctx.db, logger, [...withExtra, broken])).rejects.toThrow(/no_such_function/);
    await expect(ctx.db.query('SELECT 1 FROM schema_migrations')).rejects.toThrow();
    await expect(ctx.db.query('SELECT 1 FROM items')).rejects.toThrow();
  });

  it('refuses migrations out of order', async () => {
    await expect(migrate(ctx.db, logger, [extra, ...MIGRATIONS])).rejects.toThrow(/out of order/);
  });

  describe('transactions', () => {
    beforeEach(async () => {
      await migrate(ctx.db, logger, withExtra);
    });

    it('commits what the body wrote and returns its value', async () => {
      const id = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>('INSERT INTO items (label) VALUES ($1) RETURNING id', ['a']);
        return rows[0].id;
      });
      expect(typeof id).toBe('number');
      const { rows } = await ctx.db.query<{ label: string }>('SELECT label FROM items WHERE id = $1', [id]);
      expect(rows).toEqual([{ label: 'a' }]);
    });

    it('rolls back everything when the body throws, and rethrows', async () => {
      const failure = new Error('stop here');
      await expect(
        ctx.db.transaction(async (tx) => {
          await tx.query('INSERT INTO items (label) VALUES ($1)', ['b']);
          throw failure;
        }),
      ).rejects.toBe(failure);
      await expect(ctx.db.transaction((tx) => tx.query('INSERT INTO items (label) VALUES ($1), ($1)', ['c']))).rejects.toThrow(/duplicate key/);
      const { rows } = await ctx.db.query('SELECT label FROM items');
      expect(rows).toEqual([]);
    });

    it('reports affected rows and reads int8 as a number', async () => {
      const insert = await ctx.db.query('INSERT INTO items (label, n) VALUES ($1, $2), ($3, $4)', ['x', 5, 'y', 7]);
      expect(insert.affectedRows).toBe(2);
      const { rows } = await ctx.db.query<{ total: number; n: number }>('SELECT sum(n)::int8 AS total, max(n) AS n FROM items');
      expect(rows[0]).toEqual({ total: 12, n: 7 });
    });

    it('keeps the pool usable after many rollbacks', async () => {
      for (let i = 0; i < 15; i++) {
        await expect(ctx.db.transaction(async () => Promise.reject(new Error(`r${i}`)))).rejects.toThrow(`r${i}`);
      }
      await ctx.db.ping();
    });
  });
});

describe('PGlite serialization and files', () => {
  it('runs concurrent transactions one after the other, with plain queries outside them', async () => {
    const dir = await createTempDir();
    const db = await PgliteDb.open(dir.path);
    try {
      await migrate(db, logger, withExtra);
      await db.query("INSERT INTO items (label, n) VALUES ('counter', 0)");
      const bump = () =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>("SELECT n FROM items WHERE label = 'counter'");
          await Promise.resolve();
          await tx.query("UPDATE items SET n = $1 WHERE label = 'counter'", [rows[0].n + 1]);
        });
      const reads: Promise<unknown>[] = [];
      const bumps = Array.from({ length: 20 }, (_, i) => {
        if (i % 5 === 0) reads.push(db.query('SELECT n FROM items'));
        return bump();
      });
      await Promise.all([...bumps, ...reads]);
      const { rows } = await db.query<{ n: number }>("SELECT n FROM items WHERE label = 'counter'");
      expect(rows[0].n).toBe(20);
    } finally {
      await db.close();
      await dir.remove();
    }
  });

  it('keeps data under <dataDir>/pglite across reopening', async () => {
    const dir = await createTempDir();
    try {
      const first = await PgliteDb.open(dir.path);
      await migrate(first, logger);
      await first.query("INSERT INTO gateway_meta (key, value) VALUES ('probe', 'kept')");
      await first.close();
      const again = await PgliteDb.open(dir.path);
      expect(await migrate(again, logger)).toEqual({ applied: [] });
      const { rows } = await again.query("SELECT value FROM gateway_meta WHERE key = 'probe'");
      expect(rows).toEqual([{ value: 'kept' }]);
      await again.close();
    } finally {
      await dir.remove();
    }
  });
});
