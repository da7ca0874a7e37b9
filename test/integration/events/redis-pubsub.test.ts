import { RedisPubSub } from '../../../src/events/redis-pubsub';
import { silentLogger } from '../../../src/shared/logger';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../helpers/services';
import { withTimeout } from '../../helpers/with-timeout';

/** Subscribes (the SUBSCRIBE acknowledged when this resolves); `next` is the first message, failing after `ms`. */
async function listen(pubsub: RedisPubSub, channel: string, ms = 5000): Promise<{ next: Promise<string> }> {
  let resolve!: (m: string) => void;
  const got = new Promise<string>((r) => (resolve = r));
  const unsubscribe = await pubsub.subscribe(channel, (m) => resolve(m));
  return { next: withTimeout(got, ms, `a message on ${channel}`).finally(unsubscribe) };
}

/** Waits (bounded) until `condition` holds. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Redis pub/sub between instances (shared Redis, unique prefix)', () => {
  const prefix = uniqueRedisPrefix();
  let a: RedisPubSub;
  let b: RedisPubSub;
  let other: RedisPubSub;

  beforeAll(async () => {
    const open = (p: string) => RedisPubSub.open({ url: TEST_REDIS_URL, prefix: p, logger: silentLogger(), catchUpIntervalMs: 0 });
    [a, b, other] = await Promise.all([open(prefix), open(prefix), open(uniqueRedisPrefix())]);
  });
  afterAll(async () => {
    await Promise.all([a.dispose(), b.dispose(), other.dispose()]);
  });

  it('is healthy once connected and carries a message from one instance to the subscribers of another', async () => {
    expect(a.healthy && b.healthy).toBe(true);
    const received = await listen(b, 'log:all');
    await a.publish('log:all', '42');
    expect(await received.next).toBe('42');
  });

  it('keeps deployments with different prefixes apart', async () => {
    const heard: string[] = [];
    const unsubscribe = await other.subscribe('log:all', (m) => heard.push(m));
    const received = await listen(b, 'log:all');
    await a.publish('log:all', '43');
    expect(await received.next).toBe('43');
    unsubscribe();
    expect(heard).toEqual([]);
  });
});

describe('Redis pub/sub through an outage (a private redis-server stopped and started again)', () => {
  let redis: PrivateRedis;
  let a: RedisPubSub;
  let b: RedisPubSub;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const open = () => RedisPubSub.open({ url: redis.url, prefix: 'pn:', logger: silentLogger(), catchUpIntervalMs: 0 });
    [a, b] = await Promise.all([open(), open()]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.dispose();
  });

  it('is unhealthy while Redis is gone, fails a publish quickly, and wakes its subscribers once it is back', async () => {
    const wakes: string[] = [];
    const unsubscribe = await b.subscribe('log:app:x', (m) => wakes.push(m));
    await redis.stop();
    await until(() => !a.healthy && !b.healthy, 5000, 'both to notice the outage');
    const started = Date.now();
    await expect(a.publish('log:app:x', '7')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);

    await redis.start();
    await until(() => a.healthy && b.healthy, 10_000, 'both to reconnect');
    // Woken by the resubscribe, and the failed publish is sent again.
    await until(() => wakes.length >= 1, 5000, 'a wake-up after the reconnect');
    const after = wakes.length;
    await a.publish('log:app:x', '8');
    await until(() => wakes.includes('8'), 5000, 'a message after the reconnect');
    expect(wakes.length).toBeGreaterThan(after);
    unsubscribe();
  });

  it('wakes every local subscriber at the catch-up interval', async () => {
    const c = await RedisPubSub.open({ url: redis.url, prefix: 'pn:', logger: silentLogger(), catchUpIntervalMs: 100 });
    try {
      let wakes = 0;
      const unsubscribe = await c.subscribe('log:all', () => wakes++);
      await until(() => wakes >= 2, 3000, 'two catch-up wakes');
      unsubscribe();
    } finally {
      await c.dispose();
    }
  });
});
