import type { Client } from 'graphql-ws';
import { signedHeaders } from '../../../src/platform/signing';
import { CallEventsDocument, type CallEventsSubscription, CreateAxbBindingDocument } from '../../generated/graphql';
import { createWsClient, postGraphql } from '../../helpers/graphql-client';
import { type Instance, startInstance } from '../../helpers/instances';
import { push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';
import { APP, callIn, type ScaleSetup, setUpScale } from './fixture';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';

/** Two gateway processes on one PostgreSQL schema and one Redis prefix, behind no load balancer: tests pick the instance. */
describe('two gateway instances on one PostgreSQL and Redis', () => {
  let setup: ScaleSetup;
  let one: Instance;
  let two: Instance;
  const clients: Client[] = [];
  const client = (instance: Instance): Client => {
    const c = createWsClient(instance.url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    setup = await setUpScale();
    // Both start at once on an empty schema: the migration lock lets one migrate while the other waits.
    [one, two] = await Promise.all([startInstance(setup.build, setup.env()), startInstance(setup.build, setup.env())]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all([one?.stop(), two?.stop()]);
    await setup?.dispose();
  });

  it('both are ready, each checking the store, the platform and Redis', async () => {
    for (const instance of [one, two]) {
      const res = await fetch(`${instance.url}/readyz`);
      expect(await res.json()).toEqual({ status: 'ready', checks: { store: 'ok', redis: 'ok' }, platform: { reachable: true } });
    }
  });

  it('a push into instance 1 reaches a subscriber on instance 2, in cursor order, once each; `after` resumes on either instance', async () => {
    const sessions = Array.from({ length: 8 }, (_, i) => `two-${i}@scale.example`);
    expect((await push(one.url, APP, callIn(sessions[0]))).status).toBe(200);
    // Start from the beginning of the log: the first event proves the stream is open before the rest is pushed.
    const live = subscribe(client(two), CallEventsDocument, { after: '0', filter: { app: APP.name } });
    const [first] = await live.take(1);
    expect(first.callEvents.sessionId).toBe(sessions[0]);

    // The rest alternate between the instances; each answer is awaited, so push order is commit order.
    for (const [i, sessionId] of sessions.slice(1).entries()) {
      expect((await push((i % 2 === 0 ? one : two).url, APP, callIn(sessionId))).status).toBe(200);
    }
    const rest = (await live.take(sessions.length - 1, 10_000)).map((r) => r.callEvents);
    expect(rest.map((e) => e.sessionId)).toEqual(sessions.slice(1));
    const cursors = [first.callEvents.cursor, ...rest.map((e) => e.cursor)].map(Number);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    await expect(live.take(1, 300)).rejects.toThrow(/timed out/);
    live.dispose();

    // A client that saw the third event reconnects to the other instance and gets exactly what followed.
    const resumed = subscribe(client(one), CallEventsDocument, { after: rest[1].cursor, filter: { app: APP.name } });
    const replayed = (await resumed.take(sessions.length - 3)).map((r: CallEventsSubscription) => r.callEvents.sessionId);
    expect(replayed).toEqual(sessions.slice(3));
    resumed.dispose();
  });

  it('one create with one idempotency key sent to both at once binds once on the platform and answers the same binding on both', async () => {
    setup.emulator.resetCounts();
    // The platform answers late, so the second request arrives while the first is in flight.
    setup.emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response: { delayMs: 300 } });
    const input = { partyA: '+8613800000101', partyB: '+8613800000102', cityCode: '0755', idempotencyKey: 'scale-order-1' };
    const [a, b] = await Promise.all([one, two].map((instance) => postGraphql(instance.url, CreateAxbBindingDocument, { input })));
    const ids = [a, b].map((r) => r.body.data?.createAXBBinding.id);
    expect(a.body.errors ?? b.body.errors).toBeUndefined();
    expect(ids[0]).toBeTruthy();
    expect(ids[1]).toBe(ids[0]);
    expect(setup.emulator.requestCount({ method: 'POST', uri: AXB_URI })).toBe(1);
    const rows = await setup.sql<{ n: number }>('SELECT count(*)::int AS n FROM bindings WHERE id = $1', [ids[0]]);
    expect(rows[0].n).toBe(1);
  });

  it('the same push delivered to both at once is stored once and announced once', async () => {
    const sessionId = 'twice@scale.example';
    const live = subscribe(client(two), CallEventsDocument, { after: '0', filter: { sessionId } });
    const statuses = await Promise.all([one, two, one, two].map((instance) => push(instance.url, APP, callIn(sessionId)).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect((await live.take(1)).map((r) => r.callEvents.sessionId)).toEqual([sessionId]);
    await expect(live.take(1, 500)).rejects.toThrow(/timed out/);
    live.dispose();
    const rows = await setup.sql<{ n: number }>('SELECT count(*)::int AS n FROM call_events WHERE session_id = $1', [sessionId]);
    expect(rows[0].n).toBe(1);
  });

  it('nonces are shared through PostgreSQL: the same signed push to the other instance is a duplicate, another body under its nonce is refused', async () => {
    const headers = { 'content-type': 'application/json;charset=UTF-8', ...signedHeaders('aksk', APP.appKey, APP.appSecret) };
    const send = (instance: Instance, sessionId: string): Promise<number> =>
      fetch(`${instance.url}/webhooks/${APP.name}`, { method: 'POST', headers, body: JSON.stringify(callIn(sessionId)) }).then((r) => r.status);
    expect(await send(one, 'replayed@scale.example')).toBe(200);
    expect(await send(two, 'replayed@scale.example')).toBe(200);
    expect(await send(two, 'forged@scale.example')).toBe(401);
    expect(await send(one, 'forged@scale.example')).toBe(401);
    const rows = await setup.sql<{ session_id: string }>("SELECT session_id FROM call_events WHERE session_id LIKE '%@scale.example' AND session_id IN ('replayed@scale.example', 'forged@scale.example')");
    expect(rows.map((r) => r.session_id)).toEqual(['replayed@scale.example']);
  });
});
