import { BindingRepository } from '../../../src/bindings/binding.repository';
import { CallRepository, type CallListFilter } from '../../../src/calls/call.repository';
import type { Db, Queryable } from '../../../src/store/db';
import { MIGRATIONS, migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { PgliteDb } from '../../../src/store/pglite-db';
import { silentLogger } from '../../../src/shared/logger';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';
import { createTempDir } from '../../helpers/temp-dir';

/** The plan nodes of one EXPLAIN (FORMAT JSON), flattened. */
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

/** Runs a repository's SELECTs as EXPLAIN and keeps their plans (the repository gets no rows back). */
function explaining(db: Db): { q: Queryable; plans: PlanNode[][] } {
  const plans: PlanNode[][] = [];
  const q: Queryable = {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      plans.push(flatten(rows[0]['QUERY PLAN'][0].Plan));
      return { rows: [] as T[], affectedRows: 0 };
    },
  };
  return { q, plans };
}

const indexesOf = (plan: PlanNode[]): string[] => plan.map((n) => n['Index Name']).filter((n): n is string => n !== undefined);
const scansTable = (plan: PlanNode[]): boolean => plan.some((n) => n['Node Type'] === 'Seq Scan');

describe('read indexes (migration 010)', () => {
  it('applies on PGlite', async () => {
    const dir = await createTempDir();
    const db = await PgliteDb.open(dir.path);
    try {
      await migrate(db, silentLogger(), MIGRATIONS);
      const { rows } = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname IN ('calls_state_seq', 'bindings_status_seq', 'sms_messages_app_id')");
      expect(rows.map((r) => r.indexname).sort()).toEqual(['bindings_status_seq', 'calls_state_seq', 'sms_messages_app_id']);
    } finally {
      await db.close();
      await dir.remove();
    }
  });

  describe('on PostgreSQL with 100k calls', () => {
    let schema: PgTestSchema;
    let db: PgDb;
    beforeAll(async () => {
      schema = await createPgTestSchema();
      db = new PgDb({ connectionString: schema.url, queryTimeoutMs: 60_000 });
      await migrate(db, silentLogger(), MIGRATIONS);
      // 100k calls of 1,000 bindings, 500 numbers, 10k callers, 100 days, as a live system skews them: 1 in
      // 100 still INCOMING, 1 in 1,000 of a small app. A filter on a common value may well read the order index
      // (every other row matches); one on a rare value must not walk the whole table to fill a page.
      await db.query(`
        INSERT INTO calls (session_id, app, binding_id, privacy_number, caller, callee, state, started_at, created_at, updated_at)
        SELECT 's' || i, CASE WHEN i % 1000 = 7 THEN 'small' ELSE 'big' END, 'b' || (i % 1000), '+8617000' || lpad((i % 500)::text, 6, '0'),
               '+86138' || lpad((i % 10000)::text, 8, '0'), '+86139' || lpad((i % 9973)::text, 8, '0'),
               CASE WHEN i % 100 = 0 THEN 'INCOMING' ELSE (ARRAY['ANSWERED','ENDED','FAILED'])[1 + i % 3] END,
               timestamptz '2026-01-01' + (i * interval '86 seconds'), now(), now()
          FROM generate_series(1, 100000) AS i`);
      await db.query(`
        INSERT INTO bindings (id, app, mode, privacy_number, party_a, party_b, call_direction, record_calls, sms_enabled, status, created_at, updated_at)
        SELECT 'b' || i, CASE WHEN i % 1000 = 7 THEN 'small' ELSE 'big' END, CASE WHEN i % 100 = 0 THEN 'AXE' ELSE 'AXB' END,
               '+8617000' || lpad((i % 500)::text, 6, '0'), '+86138' || lpad(i::text, 8, '0'), '+86139' || lpad(i::text, 8, '0'),
               0, false, true, CASE WHEN i % 100 = 0 THEN 'DELETED' ELSE 'ACTIVE' END, now(), now()
          FROM generate_series(1, 100000) AS i`);
      await db.query('ANALYZE');
    }, 120_000);
    afterAll(async () => {
      await db.close();
      await schema.drop();
    });

    const filters: [string, CallListFilter, string][] = [
      ['no filter', {}, 'calls_seq_key'],
      ['state', { state: 'INCOMING' }, 'calls_state_seq'],
      ['party', { party: '+8613800001234' }, 'calls_caller_seq'],
      ['binding', { bindingId: 'b42' }, 'calls_binding'],
      ['privacy number', { privacyNumber: '+8617000000042' }, 'calls_number'],
      ['app scope', { apps: ['small'] }, 'calls_app_seq'],
      ['time range', { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-02T00:00:00Z') }, 'calls_started'],
    ];
    it.each(filters)('calls(first: 50) by %s reads an index, not the table', async (_name, filter, index) => {
      const { q, plans } = explaining(db);
      await new CallRepository().list(q, filter, 50, null);
      expect(plans).toHaveLength(1);
      expect(scansTable(plans[0])).toBe(false);
      expect(indexesOf(plans[0])).toContain(index);
    });

    it('the nested calls of 50 bindings are one query through the binding index', async () => {
      const { q, plans } = explaining(db);
      await new CallRepository().pagesByBinding(q, Array.from({ length: 50 }, (_, i) => `b${i}`), undefined, 20, null);
      expect(plans).toHaveLength(1);
      expect(indexesOf(plans[0])).toContain('calls_binding');
    });

    it.each([
      ['status', { status: 'DELETED' as const }, 'bindings_status_seq'],
      ['party', { party: '+8613800000042' }, 'bindings_party_a'],
      ['mode', { mode: 'AXE' as const }, 'bindings_mode_seq'],
      ['app scope', { apps: ['small'] }, 'bindings_app_seq|bindings_app_mode'],
      ['privacy number', { privacyNumber: '+8617000000042' }, 'bindings_privacy_number'],
    ])('bindings(first: 50) by %s reads an index, not the table', async (_name, filter, index) => {
      const { q, plans } = explaining(db);
      await new BindingRepository().list(q, filter, 50, null, new Date());
      expect(plans).toHaveLength(1);
      expect(scansTable(plans[0])).toBe(false);
      // `a|b`: either index serves (a rare app is as cheap through the older (app, mode) index).
      expect(indexesOf(plans[0]).filter((i) => index.split('|').includes(i))).not.toHaveLength(0);
    });
  });
});
