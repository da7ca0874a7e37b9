import { EventLog } from '../../../src/events/event-log';
import { openLiveStream } from '../../../src/events/live-stream';
import { InMemoryPubSub } from '../../../src/events/pubsub';
import { ALL_CHANNEL, type NewLogEntry } from '../../../src/events/topics';
import type { Db } from '../../../src/store/db';
import { migrate } from '../../../src/store/migrations';
import { PgDb } from '../../../src/store/pg-db';
import { PgliteDb } from '../../../src/store/pglite-db';
import { silentLogger } from '../../../src/shared/logger';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';

const entry = (sessionId: string, n: number): NewLogEntry => ({
  kind: 'callEvent',
  app: 'app-1',
  sessionId,
  bindingId: null,
  privacyNumber: '+8617000000001',
  payload: { n },
});

/** Takes `count` entries from an iterator, failing after `ms`. */
async function take<T>(it: AsyncIterator<T>, count: number, ms = 5000): Promise<T[]> {
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

describe.each([
  ['pglite', async (): Promise<{ db: Db; done: () => Promise<void> }> => ({ db: await PgliteDb.open(null), done: async () => undefined })],
  [
    'postgres',
    async (): Promise<{ db: Db; done: () => Promise<void> }> => {
      const schema: PgTestSchema = await createPgTestSchema();
      return { db: new PgDb({ connectionString: schema.url }), done: () => schema.drop() };
    },
  ],
])('event log live stream on %s', (_name, open) => {
  let db: Db;
  let done: () => Promise<void>;
  const log = new EventLog();
  let pubsub: InMemoryPubSub;

  beforeEach(async () => {
    ({ db, done } = await open());
    await migrate(db, silentLogger());
    pubsub = new InMemoryPubSub();
  });
  afterEach(async () => {
    await db.close();
    await done();
  });

  async function append(entries: NewLogEntry[]): Promise<void> {
    const written = await db.transaction((tx) => log.append(tx, entries));
    await pubsub.publish(ALL_CHANNEL, written[written.length - 1].cursor);
  }

  it('replays what came after the cursor, then follows live appends, in order and once each', async () => {
    await append([entry('s1', 1), entry('s2', 2)]);
    const [first] = await log.readAfter(db, '0', {}, 1);
    await append([entry('s1', 3)]);
    const stream = await openLiveStream({ db, log, pubsub, channels: [ALL_CHANNEL], filter: {}, after: first.cursor });
    const replayed = await take(stream, 2);
    expect(replayed.map((e) => e.payload.n)).toEqual([2, 3]);
    await append([entry('s3', 4)]);
    await append([entry('s3', 5)]);
    expect((await take(stream, 2)).map((e) => e.payload.n)).toEqual([4, 5]);
    await stream.return?.();
  });

  it('delivers every entry exactly once while concurrent writers keep appending', async () => {
    const stream = await openLiveStream({ db, log, pubsub, channels: [ALL_CHANNEL], filter: { sessionId: 'busy' } });
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 15; i++) await append([entry('busy', w * 100 + i), entry('other', -1)]);
      })(),
    );
    const received = await take(stream, 60, 15000);
    await Promise.all(writers);
    const cursors = received.map((e) => BigInt(e.cursor));
    expect(new Set(received.map((e) => e.payload.n)).size).toBe(60);
    expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(received.every((e) => e.sessionId === 'busy')).toBe(true);
    await stream.return?.();
  });

  it('starts at the head without a cursor and ends at once on return()', async () => {
    await append([entry('s1', 1)]);
    const stream = await openLiveStream({ db, log, pubsub, channels: [ALL_CHANNEL], filter: {} });
    const pending = stream.next();
    await append([entry('s1', 2)]);
    expect((await pending).value?.payload.n).toBe(2);
    const waiting = stream.next();
    await stream.return?.();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
  });
});
