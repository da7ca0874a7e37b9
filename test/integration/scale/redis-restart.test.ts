import type { Client } from 'graphql-ws';
import { CallEventsDocument } from '../../generated/graphql';
import { createWsClient } from '../../helpers/graphql-client';
import { type Instance, startInstance } from '../../helpers/instances';
import { push } from '../../helpers/push';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server';
import { subscribe } from '../../helpers/subscription';
import { APP, callIn, pushUntilOk, type ScaleSetup, setUpScale } from './fixture';

const EVENTS = 60;
/** Pace of the pushes, so the outage falls mid-stream, milliseconds. */
const PACE_MS = 40;

/** Polls `/readyz` (bounded) until it answers `status`. */
async function readiness(instance: Instance, status: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = (await fetch(`${instance.url}/readyz`)).status;
    if (got === status) return;
    if (Date.now() > deadline) throw new Error(`/readyz stayed ${got}, expected ${status} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The Redis of this test is its own redis-server, stopped and started again mid-stream; the shared one is never touched. */
describe('Redis restart while events flow between two instances', () => {
  let setup: ScaleSetup;
  let redis: PrivateRedis;
  let one: Instance;
  let two: Instance;
  let client: Client;

  beforeAll(async () => {
    [setup, redis] = await Promise.all([setUpScale(), startPrivateRedis()]);
    [one, two] = await Promise.all([startInstance(setup.build, setup.env(redis.url)), startInstance(setup.build, setup.env(redis.url))]);
    client = createWsClient(two.url);
  }, 60_000);
  afterAll(async () => {
    await client?.dispose();
    await Promise.all([one?.stop(), two?.stop()]);
    await Promise.all([redis?.dispose(), setup?.dispose()]);
  });

  it('pushes get 503 and readiness goes false while Redis is gone; afterwards the subscriber on the other instance has every event, in order, once', async () => {
    const sessions = Array.from({ length: EVENTS }, (_, i) => `redis-${i}@scale.example`);
    await pushUntilOk(() => one.url, callIn(sessions[0]), 10_000);
    const live = subscribe(client, CallEventsDocument, { after: '0', filter: { app: APP.name } });
    expect((await live.take(1)).map((r) => r.callEvents.sessionId)).toEqual([sessions[0]]);

    // The platform keeps pushing into instance 1, each push again until it gets a 200.
    let refusedDuringOutage = 0;
    const producer = (async () => {
      for (const sessionId of sessions.slice(1)) {
        const { attempts } = await pushUntilOk(() => one.url, callIn(sessionId), 30_000, 25);
        refusedDuringOutage += attempts - 1;
        await new Promise((r) => setTimeout(r, PACE_MS));
      }
    })();
    const before = (await live.take(3, 10_000)).map((r) => r.callEvents.sessionId);

    await redis.stop();
    await Promise.all([readiness(one, 503, 5000), readiness(two, 503, 5000)]);
    const started = Date.now();
    const refused = await push(one.url, APP, callIn('refused@scale.example'));
    expect(refused.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);

    await redis.start();
    await Promise.all([readiness(one, 200, 15_000), readiness(two, 200, 15_000)]);
    await producer;
    expect(refusedDuringOutage).toBeGreaterThan(0);

    const rest = (await live.take(EVENTS - 4, 15_000)).map((r) => r.callEvents.sessionId);
    expect([...before, ...rest]).toEqual(sessions.slice(1));
    await expect(live.take(1, 300)).rejects.toThrow(/timed out/);
    live.dispose();
  }, 90_000);
});
