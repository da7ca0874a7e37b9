import { EventLog } from '../../../src/events/event-log';
import { LogReader } from '../../../src/events/log-reader';
import { RedisPubSub } from '../../../src/events/redis-pubsub';
import { ALL_CHANNEL, type LogPayloads } from '../../../src/events/topics';
import type { Db, Queryable } from '../../../src/store/db';
import { migrate } from '../../../src/store/migrations';
import { PgliteDb } from '../../../src/store/pglite-db';
import { silentLogger } from '../../../src/shared/logger';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../helpers/services';
import { withTimeout } from '../../helpers/with-timeout';

/** Waits (bounded) until `condition` holds. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the Redis catch-up wake with the shared reader', () => {
  let db: Db;
  let pubsub: RedisPubSub;
  let reader: LogReader;
  let reads = 0;
  const log = new EventLog();

  beforeAll(async () => {
    db = await PgliteDb.open(null);
    await migrate(db, silentLogger());
    pubsub = await RedisPubSub.open({ url: TEST_REDIS_URL, prefix: uniqueRedisPrefix(), logger: silentLogger(), catchUpIntervalMs: 30 });
    const count = (q: Queryable): Queryable['query'] => (sql, params) => {
      if (sql.includes('FROM event_log WHERE cursor >')) reads++;
      return q.query(sql, params);
    };
    const counted: Db = { kind: db.kind, query: count(db), transaction: (fn) => db.transaction(fn), ping: () => db.ping(), close: () => db.close() };
    reader = await LogReader.open({ db: counted, log, pubsub, logger: silentLogger() });
  });
  afterAll(async () => {
    await reader.dispose();
    await pubsub.dispose();
    await db.close();
  });

  it('costs one read per wake for the whole process, and delivers what no message announced', async () => {
    const streams = await Promise.all(Array.from({ length: 20 }, (_, i) => reader.openStream({ filter: { sessionId: `s${i}` }, after: null })));
    let wakes = 0;
    const unsubscribe = await pubsub.subscribe(ALL_CHANNEL, () => wakes++);
    const pending = streams[3].next();
    // Stored without a publish, as when the publish was lost: only the catch-up wake finds it. The reader never
    // opens a payload, so a counter stands in for a call event.
    await db.transaction((tx) => log.append(tx, [{ kind: 'callEvent', app: 'app-1', sessionId: 's3', bindingId: null, privacyNumber: null, payload: { n: 1 } as unknown as LogPayloads['callEvent'] }]));
    expect((await withTimeout(pending, 5000, 'the entry')).value?.payload).toEqual({ n: 1 });
    const [readsBefore, wakesBefore] = [reads, wakes];
    await until(() => wakes >= wakesBefore + 5, 5000, 'five catch-up wakes');
    unsubscribe();
    // 20 streams, yet at most one read per wake (a stream of its own would read 20 per wake).
    expect(reads - readsBefore).toBeLessThanOrEqual(wakes - wakesBefore + 1);
    expect(reads - readsBefore).toBeGreaterThanOrEqual(1);
    for (const s of streams) await s.return?.();
  });
});
