import { PGlite } from '@electric-sql/pglite';
import { PgliteDb, runStatement } from '../../../src/store/pglite-db';
import { JsonReads } from '../../../src/store/pglite-json-reads';

/**
 * The PGlite driver reads a plain SELECT it has seen before as one JSON aggregate (pglite-json-reads.ts).
 * Whatever way a statement is read, the rows must be the same values of the same types, in the same order.
 */
describe('PGlite reads as one JSON aggregate', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create();
    await pg.exec(`
      CREATE TABLE t (id bigserial PRIMARY KEY, label text NOT NULL, flag boolean, small int2, n int4, big int8,
        at timestamptz, doc jsonb, js json, tags text[], nums int4[], price numeric, blob bytea, quoted text);
      INSERT INTO t (label, flag, small, n, big, at, doc, js, tags, nums, price, blob, quoted) VALUES
        ('b', true, 1, 2, 9007199254740991, '2026-12-02T10:11:12.345Z', '{"a":[1,{"b":null}]}', '[1,"x"]', '{x,"y z"}', '{1,2}', 1.50, '\\x0102', 'say "hi"\\n\\u2028'),
        ('a', null, null, null, null, null, null, null, null, null, null, null, null),
        ('c', false, -1, 0, 0, '1999-01-01T00:00:00+08:00', '"s"', 'null', '{}', '{}', 0, '\\x', '');
    `);
  });
  afterAll(() => pg?.close());

  it('reads the same rows both ways, timestamps as Dates and integers as numbers', async () => {
    const reads = new JsonReads();
    const sql = 'SELECT id, label, flag, small, n, big, at, doc, js, tags, nums, quoted FROM t WHERE id > $1 ORDER BY label DESC LIMIT $2';
    const first = await runStatement(pg, reads, sql, [0, 10]);
    expect(reads.planOf(sql)?.kind).toBe('json');
    const second = await runStatement(pg, reads, sql, [0, 10]);
    expect(second.rows).toEqual(first.rows);
    expect(second.rows.map((r) => r.label)).toEqual(['c', 'b', 'a']);
    const b = second.rows[1] as Record<string, unknown>;
    expect(b.at).toBeInstanceOf(Date);
    expect((b.at as Date).toISOString()).toBe('2026-12-02T10:11:12.345Z');
    expect([typeof b.id, typeof b.big, b.big]).toEqual(['number', 'number', 9007199254740991]);
    expect(b.doc).toEqual({ a: [1, { b: null }] });
    expect(b.tags).toEqual(['x', 'y z']);
    // No row: an empty list, not null.
    expect((await runStatement(pg, reads, sql, [100, 10])).rows).toEqual([]);
  });

  it('keeps PGlite decoding for columns JSON would change, locking reads and other statements', async () => {
    const reads = new JsonReads();
    const cases = [
      'SELECT label, price FROM t ORDER BY id',
      'SELECT label, blob FROM t ORDER BY id',
      'SELECT label FROM t ORDER BY id FOR UPDATE',
      'SELECT id AS x, label AS x FROM t',
      "WITH w AS (SELECT label FROM t) SELECT * FROM w",
      "UPDATE t SET small = small WHERE label = 'z' RETURNING label",
    ];
    for (const sql of cases) {
      const first = await runStatement(pg, reads, sql, []);
      expect([sql, reads.planOf(sql)?.kind]).toEqual([sql, 'rows']);
      expect((await runStatement(pg, reads, sql, [])).rows).toEqual(first.rows);
    }
    const price = (await runStatement(pg, reads, cases[0], [])).rows as { price: unknown }[];
    expect(price.map((r) => r.price)).toEqual(['1.50', null, '0']);
  });

  it('the driver serves both ways through query and inside a transaction', async () => {
    const db = await PgliteDb.open(null);
    try {
      await db.query('CREATE TABLE u (id int8 PRIMARY KEY, at timestamptz NOT NULL)');
      await db.query("INSERT INTO u SELECT g, '2026-01-01T00:00:00Z'::timestamptz + g * interval '1 second' FROM generate_series(1, 60) AS g");
      const sql = 'SELECT * FROM u ORDER BY id DESC LIMIT 51';
      const rounds = [await db.query(sql), await db.query(sql), await db.transaction((tx) => tx.query(sql))];
      for (const r of rounds) expect(r.rows).toEqual(rounds[0].rows);
      expect(rounds[0].rows).toHaveLength(51);
      expect(rounds[2].rows[0]).toEqual({ id: 60, at: new Date('2026-01-01T00:01:00Z') });
      // The driver keeps only some of PGlite's parsers (leanParsers): every type still reads as PGlite reads it.
      const typed = await db.query(`SELECT 1.50::numeric AS n, '{a,"b c"}'::text[] AS t, '{1,2}'::int8[] AS i, true AS b, 2.5::float8 AS f,
        '{"k":[1]}'::jsonb AS j, '2026-01-02'::date AS d, '\\x0102'::bytea AS x, 7::int2 AS s, 'v'::varchar AS v`);
      expect(typed.rows[0]).toEqual({ n: '1.50', t: ['a', 'b c'], i: [1, 2], b: true, f: 2.5, j: { k: [1] }, d: new Date('2026-01-02T00:00:00Z'), x: new Uint8Array([1, 2]), s: 7, v: 'v' });
    } finally {
      await db.close();
    }
  });
});
