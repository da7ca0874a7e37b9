import pg from 'pg';
import { retentionSchema } from '../../../src/config-retention';
import { RetentionPurger } from '../../../src/retention/retention-purger';
import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';

/**
 * The purge never waits for a row a push holds (purge-steps.ts, lock contract): on PostgreSQL a purge that
 * waited while holding the rows it had already deleted could deadlock with a push storing a late CDR of an
 * old call. Here another connection holds old rows of each purged table the way a push does; the purge must
 * finish at once around them, and take them on its next run.
 */
describe('retention purge and rows held by a push (PostgreSQL)', () => {
  let schema: PgTestSchema;
  let db: PgDb;
  let holder: pg.Client;
  beforeAll(async () => {
    schema = await createPgTestSchema();
    db = new PgDb({ connectionString: schema.url });
    await migrate(db, silentLogger());
    holder = new pg.Client({ connectionString: schema.url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end();
    await db?.close();
    await schema?.drop();
  });

  it('skips the held rows without waiting, and purges them once released', async () => {
    const old = new Date(Date.now() - 400 * 86_400_000);
    for (const s of ['held', 'free-1', 'free-2']) {
      await db.query(`INSERT INTO calls (session_id, app, state, has_record, created_at, updated_at) VALUES ($1, 'a', 'ENDED', true, $2, $2)`, [s, old]);
      await db.query(`INSERT INTO event_log (kind, app, session_id, payload, created_at) VALUES ('callEvent', 'a', $1, '{}'::jsonb, $2)`, [s, old]);
    }
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM calls WHERE session_id = 'held' FOR UPDATE`);
    await holder.query(`UPDATE event_log SET binding_id = 'b' WHERE session_id = 'held'`);

    // statement_timeout of the pool is 5 s: a purge that waited for the held rows would fail, not pass late.
    const purger = new RetentionPurger({ db, config: retentionSchema.parse({ batchSize: 10 }), logger: silentLogger() });
    const first = await purger.runOnce();
    expect([first.calls, first.eventLog]).toEqual([2, 2]);
    const left = async () => (await db.query<{ session_id: string }>('SELECT session_id FROM calls UNION ALL SELECT session_id FROM event_log')).rows.map((r) => r.session_id);
    expect(await left()).toEqual(['held', 'held']);

    await holder.query('COMMIT');
    const second = await purger.runOnce();
    expect([second.calls, second.eventLog]).toEqual([1, 1]);
    expect(await left()).toEqual([]);
    await purger.dispose();
  });
});
