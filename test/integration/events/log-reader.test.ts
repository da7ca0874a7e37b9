import { EventLog } from '../../../src/events/event-log';
import { LogReader, SlowConsumerError, type LogReaderOptions } from '../../../src/events/log-reader';
import { matchesFilter } from '../../../src/events/stream-routes';
import { InMemoryPubSub } from '../../../src/events/pubsub';
import type { LogFilter } from '../../../src/events/event-log';
import type { StreamObserver } from '../../../src/events/stream-observer';
import { ALL_CHANNEL, type LogEntry, type LogPayloads, type NewLogEntry } from '../../../src/events/topics';
import type { Db } from '../../../src/store/db';
import { migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { PgliteDb } from '../../../src/store/pglite-db';
import { silentLogger } from '../../../src/shared/logger';
import { wrapDb } from '../../helpers/wrap-db';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';

/**
 * The reader routes on an entry's columns and never opens its payload, so these entries carry a counter in
 * place of a call event: the one place where the test steps outside the payload contract, on purpose.
 */
const counter = (n: number): LogPayloads['callEvent'] => ({ n }) as unknown as LogPayloads['callEvent'];
const countOf = (e: LogEntry | undefined): number | undefined => (e?.payload as { n?: number } | undefined)?.n;

const entry = (sessionId: string, n: number, app = 'app-1'): NewLogEntry => ({
  kind: 'callEvent',
  app,
  sessionId,
  bindingId: null,
  privacyNumber: '+8617000000001',
  payload: counter(n),
});

/**
 * Takes `count` entries from an iterator, failing after `ms` with how many came. The limit only turns a hang into
 * a message: it is several times the idle time, so a machine with every core busy still passes.
 */
async function take<T>(it: AsyncIterator<T>, count: number, ms = 20_000): Promise<T[]> {
  const out: T[] = [];
  const deadline = Date.now() + ms;
  while (out.length < count) {
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      it.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${out.length} of ${count}`)), Math.max(1, deadline - Date.now()));
      }),
    ]).finally(() => clearTimeout(timer));
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

const ascending = (entries: readonly LogEntry[]): boolean => entries.every((e, i) => i === 0 || BigInt(entries[i - 1].cursor) < BigInt(e.cursor));

/** The statement of an event-log read (`EventLog.readAfter`). */
const LOG_READ = 'FROM event_log WHERE cursor >';

/** A StreamObserver that counts what it hears. */
function countingObserver(): StreamObserver & { counts: Record<'opened' | 'ended' | 'delivered' | 'readFailed' | 'cut', number> } {
  const counts = { opened: 0, ended: 0, delivered: 0, readFailed: 0, cut: 0 };
  return {
    counts,
    opened: () => counts.opened++,
    ended: () => counts.ended++,
    delivered: () => counts.delivered++,
    readFailed: () => counts.readFailed++,
    cut: () => counts.cut++,
  };
}

describe.each([
  ['pglite', async (): Promise<{ db: Db; done: () => Promise<void> }> => ({ db: await PgliteDb.open(null), done: async () => undefined })],
  [
    'postgres',
    async (): Promise<{ db: Db; done: () => Promise<void> }> => {
      const schema: PgTestSchema = await createPgTestSchema();
      return { db: new PgDb({ connectionString: schema.url }), done: () => schema.drop() };
    },
  ],
])('the shared event-log reader on %s', (_name, open) => {
  let db: Db;
  let done: () => Promise<void>;
  const log = new EventLog();
  let pubsub: InMemoryPubSub;
  let reader: LogReader | null;

  beforeEach(async () => {
    ({ db, done } = await open());
    await migrate(db, silentLogger());
    pubsub = new InMemoryPubSub();
    reader = null;
  });
  afterEach(async () => {
    await reader?.dispose();
    await db.close();
    await done();
  });

  const openReader = async (o: Partial<LogReaderOptions> = {}): Promise<LogReader> =>
    (reader = await LogReader.open({ db, log, pubsub, logger: silentLogger(), ...o }));

  /** Appends through `db` (the unwrapped store) and wakes the readers, as a stored push does. */
  async function append(entries: NewLogEntry[]): Promise<LogEntry[]> {
    const written = await db.transaction((tx) => log.append(tx, entries));
    await pubsub.publish(ALL_CHANNEL, written[written.length - 1].cursor);
    return written;
  }

  it('replays what came after the cursor, then follows live appends, in order and once each', async () => {
    const r = await openReader();
    await append([entry('s1', 1), entry('s2', 2)]);
    const [first] = await log.readAfter(db, '0', {}, 1);
    await append([entry('s1', 3)]);
    const stream = await r.openStream({ filter: {}, after: first.cursor });
    expect((await take(stream, 2)).map((e) => countOf(e))).toEqual([2, 3]);
    await append([entry('s3', 4)]);
    await append([entry('s3', 5)]);
    expect((await take(stream, 2)).map((e) => countOf(e))).toEqual([4, 5]);
    await stream.return?.();
  });

  it('delivers every entry exactly once while concurrent writers keep appending', async () => {
    const r = await openReader();
    const stream = await r.openStream({ filter: { sessionId: 'busy' }, after: null });
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 15; i++) await append([entry('busy', w * 100 + i), entry('other', -1)]);
      })(),
    );
    const received = await take(stream, 60, 45_000);
    await Promise.all(writers);
    expect(new Set(received.map((e) => countOf(e))).size).toBe(60);
    expect(ascending(received)).toBe(true);
    expect(received.every((e) => e.sessionId === 'busy')).toBe(true);
    await stream.return?.();
  });

  it('starts at the head without a cursor and ends at once on return()', async () => {
    const r = await openReader();
    await append([entry('s1', 1)]);
    const stream = await r.openStream({ filter: {}, after: null });
    const pending = stream.next();
    await append([entry('s1', 2)]);
    expect(countOf((await pending).value)).toBe(2);
    const waiting = stream.next();
    await stream.return?.();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(r.size).toBe(0);
  });

  it('joins a stream that replays with after: to the live reader with no gap and no duplicate, while appends keep coming', async () => {
    // Small pages: the replay takes many reads, and the reader moves on meanwhile.
    const r = await openReader({ batchSize: 7 });
    const live = await r.openStream({ filter: { sessionId: 'busy' }, after: null });
    for (let i = 0; i < 40; i++) await append([entry('busy', i), entry('other', -1)]);
    expect((await take(live, 40)).map((e) => countOf(e))).toEqual([...Array(40).keys()]);
    const resumed = await r.openStream({ filter: { sessionId: 'busy' }, after: '0' });
    const writer = (async () => {
      for (let i = 40; i < 100; i++) await append([entry('busy', i), entry('other', -1)]);
    })();
    const got = await take(resumed, 100, 45_000);
    await writer;
    expect(got.map((e) => countOf(e))).toEqual([...Array(100).keys()]);
    expect(ascending(got)).toBe(true);
    // Nothing more than the 100: the next one is the next append.
    const next = resumed.next();
    await append([entry('busy', 100)]);
    expect(countOf((await next).value)).toBe(100);
    expect((await take(live, 61)).map((e) => countOf(e))).toEqual([...Array(61).keys()].map((i) => i + 40));
    await resumed.return?.();
    await live.return?.();
  });

  it('holds at most a quarter of its buffer for a replaying stream and reads the rest from the database, without gap or duplicate', async () => {
    const r = await openReader({ bufferLimit: 10 });
    for (let i = 0; i < 30; i++) await append([entry('busy', i)]);
    const resumed = await r.openStream({ filter: { sessionId: 'busy' }, after: '0' });
    const got = await take(resumed, 3);
    // The consumer pauses while 20 more arrive, far more than the 2 the reader may hold for it.
    for (let i = 30; i < 50; i++) await append([entry('busy', i)]);
    got.push(...(await take(resumed, 47)));
    expect(got.map((e) => countOf(e))).toEqual([...Array(50).keys()]);
    const next = resumed.next();
    await append([entry('busy', 50)]);
    expect(countOf((await next).value)).toBe(50);
    await resumed.return?.();
  });

  it('lets a live consumer that a burst larger than its buffer leaves behind catch up from the database, uncut', async () => {
    const observer = countingObserver();
    const r = await openReader({ bufferLimit: 10, observer });
    const live = await r.openStream({ filter: {}, after: null, kind: 'callEvents' });
    const first = live.next();
    await append(Array.from({ length: 50 }, (_, i) => entry('burst', i)));
    const got = [(await first).value!, ...(await take(live, 49))];
    expect(got.map((e) => countOf(e))).toEqual([...Array(50).keys()]);
    const next = live.next();
    await append([entry('burst', 50)]);
    expect(countOf((await next).value)).toBe(50);
    expect(observer.counts).toMatchObject({ cut: 0, ended: 0 });
    await live.return?.();
  });

  it('hands a stream in memory exactly what the SQL filter of EventLog.readAfter selects', async () => {
    const kinds = ['callEvent', 'callRecord', 'sms'] as const;
    const entries = Array.from({ length: 48 }, (_, i) => ({
      kind: kinds[i % 3],
      app: `app-${i % 2}`,
      sessionId: i % 4 === 0 ? null : `s${i % 4}`,
      bindingId: i % 5 === 0 ? null : `b${i % 5}`,
      privacyNumber: i % 3 === 0 ? null : `+861700000000${i % 3}`,
      payload: counter(i),
    })) as NewLogEntry[];
    const written = await db.transaction((tx) => log.append(tx, entries));
    const filters: LogFilter[] = [
      {},
      { kinds: ['callEvent', 'sms'] },
      { apps: ['app-1'] },
      { apps: [] },
      { apps: ['app-0', 'app-1'], kinds: ['callRecord'] },
      { sessionId: 's1' },
      { bindingId: 'b2', apps: ['app-0'] },
      { privacyNumber: '+8617000000001', kinds: ['sms'] },
      { sessionId: 's2', bindingId: 'b3', privacyNumber: '+8617000000002' },
    ];
    for (const filter of filters) {
      const sql = (await log.readAfter(db, '0', filter, 1000)).map((e) => e.cursor);
      expect(written.filter((e) => matchesFilter(e, filter)).map((e) => e.cursor)).toEqual(sql);
    }
  });

  it('serves many subscribers with one read of the log per wake-up, routed by key', async () => {
    const counting = wrapDb(db);
    const observer = countingObserver();
    const r = await openReader({ db: counting.db, observer });
    const bySession = await Promise.all(Array.from({ length: 40 }, (_, i) => r.openStream({ filter: { sessionId: `s${i}` }, after: null, kind: 'callEvents' })));
    const byApp = await Promise.all(Array.from({ length: 10 }, () => r.openStream({ filter: { apps: ['app-2'] }, after: null, kind: 'callEvents' })));
    const everything = await r.openStream({ filter: {}, after: null, kind: 'callEvents' });
    const before = counting.count(LOG_READ);
    const waiting = [bySession[7].next(), ...byApp.map((s) => s.next()), everything.next()];
    await append([entry('s7', 1, 'app-2')]);
    const results = await Promise.all(waiting);
    expect(results.map((x) => countOf(x.value))).toEqual(Array(12).fill(1));
    expect(counting.count(LOG_READ) - before).toBe(1);
    expect(observer.counts).toMatchObject({ opened: 51, delivered: 12 });
    // A stream of another session was not handed the entry.
    const other = bySession[8].next();
    await append([entry('s8', 2)]);
    expect(countOf((await other).value)).toBe(2);
    expect(counting.count(LOG_READ) - before).toBe(2);
    for (const s of [...bySession, ...byApp, everything]) await s.return?.();
    expect(observer.counts.ended).toBe(51);
  });

  it('cuts a consumer that stops pulling once it holds the buffer limit and a quarter more, and others keep receiving', async () => {
    const observer = countingObserver();
    const r = await openReader({ bufferLimit: 10, observer });
    let hooked = 0;
    const stalled = await r.openStream({ filter: {}, after: null, kind: 'callEvents', onSlowConsumer: () => hooked++ });
    const reading = await r.openStream({ filter: {}, after: null, kind: 'callEvents' });
    // 10 buffered, the 11th makes it fall behind, 2 more are held for it, and a later read finds it took nothing.
    for (let i = 0; i < 13; i++) {
      await append([entry('s', i)]);
      expect(countOf((await take(reading, 1))[0])).toBe(i);
    }
    expect(hooked).toBe(0);
    for (let i = 13; i < 15; i++) {
      await append([entry('s', i)]);
      expect(countOf((await take(reading, 1))[0])).toBe(i);
    }
    expect(hooked).toBe(1);
    expect(observer.counts.cut).toBe(1);
    expect(observer.counts.ended).toBe(1);
    await expect(stalled.next()).rejects.toBeInstanceOf(SlowConsumerError);
    await expect(stalled.next()).resolves.toEqual({ value: undefined, done: true });
    expect(r.size).toBe(1);
    await reading.return?.();
  });

  it('retries a failed read with backoff: the subscription survives and gets the entry after recovery', async () => {
    const faulty = wrapDb(db);
    const observer = countingObserver();
    const r = await openReader({ db: faulty.db, observer, retryInitialMs: 20 });
    const live = await r.openStream({ filter: {}, after: null, kind: 'callEvents' });
    faulty.failNext(LOG_READ);
    const pending = live.next();
    await append([entry('s', 1)]);
    expect(countOf((await pending).value)).toBe(1);
    expect(faulty.failures).toBe(1);
    // A replay read that fails is retried as well.
    faulty.failNext(LOG_READ);
    const replaying = await r.openStream({ filter: {}, after: '0', kind: 'callEvents' });
    expect(countOf((await take(replaying, 1))[0])).toBe(1);
    expect(faulty.failures).toBe(2);
    expect(observer.counts).toMatchObject({ readFailed: 2, ended: 0 });
    await live.return?.();
    await replaying.return?.();
  });
});
