import { print } from 'graphql';
import WebSocket from 'ws';
import { sandboxSeed } from '../../../src/emulator/seed';
import { SLOW_CONSUMER_CLOSE_CODE } from '../../../src/events/log-reader';
import { CallEventsDocument } from '../../generated/graphql';
import { createWsClient } from '../../helpers/graphql-client';
import { parsePrometheus } from '../../helpers/prometheus';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';
import { withTimeout } from '../../helpers/with-timeout';
import { type AuthGateway, startAuthGateway } from '../auth/fixture';

jest.setTimeout(120_000);

type Json = Record<string, any>;
const QUERY = print(CallEventsDocument);
const RECORDS = 'subscription { callRecords { cursor sessionId caller callee direction recorded } }';
const CALLER = '+8613800138000';

/** A raw graphql-transport-ws socket that subscribed to `query` under ids "1".."count"; `texts` are the raw frames received. */
async function rawSubscriber(
  url: string,
  authorization: string,
  count = 1,
  query = QUERY,
): Promise<{ socket: WebSocket; texts: string[]; closed: Promise<number>; received(n: number): Promise<string[]>; seen(text: string): Promise<void> }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const texts: string[] = [];
  let wake: (() => void) | null = null;
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('error', () => undefined);
  const acked = new Promise<void>((resolve) =>
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if ((JSON.parse(text) as Json).type === 'connection_ack') return resolve();
      texts.push(text);
      wake?.();
    }),
  );
  await withTimeout(new Promise((resolve) => socket.once('open', resolve)), 5000, 'the socket to open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
  await withTimeout(acked, 5000, 'connection_ack');
  for (let i = 1; i <= count; i++) socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query } }));
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    socket,
    texts,
    closed,
    received: (n) => withTimeout(until(() => texts.length >= n), 10_000, `${n} frame(s)`).then(() => texts.slice(0, n)),
    seen: (text) => withTimeout(until(() => texts.some((t) => t.includes(text))), 10_000, `a frame with ${text}`),
  };
}

describe('identical subscriptions share one execution per event and its bytes', () => {
  let gw: AuthGateway;
  let seq = 0;
  const app = () => sandboxSeed().apps.find((a) => a.name === 'sandbox-axb')!;

  /** The samples of one subscription field in the sharing and subscription metrics. */
  async function callEventsMetrics(kind = 'callEvents'): Promise<{ executions: number; deliveries: number; active: number; cut: number }> {
    const samples = parsePrometheus(await (await fetch(`${gw.url}/metrics`)).text());
    const value = (name: string) => samples.find((s) => s.name === name && s.labels.kind === kind)?.value ?? 0;
    return {
      executions: value('gateway_subscription_executions_total'),
      deliveries: value('gateway_subscription_deliveries_total'),
      active: value('gateway_subscriptions_active'),
      cut: value('gateway_subscriptions_cut_total'),
    };
  }

  /** Resolves once `gateway_subscriptions_active{kind}` is `n`, failing after 10 s. */
  async function activeIs(n: number, kind = 'callEvents'): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await callEventsMetrics(kind)).active !== n) {
      if (Date.now() > deadline) throw new Error(`never ${n} open ${kind} subscriptions`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Pushes one call event with a fresh session id and returns the id. */
  async function pushCallEvent(): Promise<string> {
    const body = JSON.parse(JSON.stringify(fixture('call-callin'))) as Json;
    body.statusInfo.sessionId = `shared-${++seq}@x`;
    body.statusInfo.caller = CALLER;
    expect((await push(gw.url, app(), body)).status).toBe(200);
    return body.statusInfo.sessionId as string;
  }

  beforeAll(async () => {
    gw = await startAuthGateway({ metrics: { public: true }, limits: { subscriptionBufferEntries: 100, clientOperationsPerSecond: 10_000, socketMessagesPerSecond: 10_000 } });
  });
  afterAll(() => gw?.stop());

  it('N identical subscribers on N sockets get the same bytes; the execution counter rises by 1 per event, not N', async () => {
    const token = `Bearer ${gw.keys.operator.token}`;
    const subscribers = await Promise.all([1, 2, 3, 4].map(() => rawSubscriber(gw.url, token)));
    try {
      await activeIs(4);
      const before = await callEventsMetrics();
      const sessions = [await pushCallEvent(), await pushCallEvent()];
      const frames = await Promise.all(subscribers.map((s) => s.received(2)));
      for (const f of frames) expect(f).toEqual(frames[0]);
      expect(frames[0].map((t) => (JSON.parse(t) as Json).payload.data.callEvents.sessionId)).toEqual(sessions);
      expect(JSON.parse(frames[0][0])).toMatchObject({ id: '1', type: 'next', payload: { data: { callEvents: { caller: CALLER, type: 'CALL_IN' } } } });
      const after = await callEventsMetrics();
      expect(after.executions - before.executions).toBe(2);
      expect(after.deliveries - before.deliveries).toBe(8);
    } finally {
      for (const s of subscribers) s.socket.close();
    }
    await activeIs(0);
  });

  it('two views do not share: a viewer gets masked numbers, an operator full ones, from two executions', async () => {
    const viewerClient = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.viewer.token) });
    const operatorClient = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.operator.token) });
    const viewers = [subscribe(viewerClient, CallEventsDocument, {}), subscribe(viewerClient, CallEventsDocument, {})];
    const operator = subscribe(operatorClient, CallEventsDocument, {});
    try {
      await activeIs(3);
      const before = await callEventsMetrics();
      const session = await pushCallEvent();
      for (const v of viewers) expect((await v.take(1))[0].callEvents).toMatchObject({ sessionId: session, caller: '+86138****8000' });
      expect((await operator.take(1))[0].callEvents).toMatchObject({ sessionId: session, caller: CALLER });
      const after = await callEventsMetrics();
      expect(after.executions - before.executions).toBe(2);
      expect(after.deliveries - before.deliveries).toBe(3);
    } finally {
      for (const s of [...viewers, operator]) s.dispose();
      await viewerClient.dispose();
      await operatorClient.dispose();
    }
    await activeIs(0);
  });

  it('one sharer completing does not end the others; the last one leaving returns the source stream', async () => {
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.operator.token) });
    const first = subscribe(client, CallEventsDocument, {});
    const second = subscribe(client, CallEventsDocument, {});
    try {
      await activeIs(2);
      first.dispose();
      await activeIs(1);
      const session = await pushCallEvent();
      expect((await second.take(1))[0].callEvents.sessionId).toBe(session);
      second.dispose();
      await activeIs(0);
      // Nothing executes any more for nobody.
      const before = await callEventsMetrics();
      const third = subscribe(client, CallEventsDocument, {});
      await activeIs(1);
      const next = await pushCallEvent();
      expect((await third.take(1))[0].callEvents.sessionId).toBe(next);
      expect((await callEventsMetrics()).executions - before.executions).toBe(1);
      third.dispose();
    } finally {
      await client.dispose();
    }
    await activeIs(0);
  });

  it('identical subscriptions that fail to open each get their own error', async () => {
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.operator.token) });
    const failing = [1, 2, 3].map(() => subscribe(client, CallEventsDocument, { filter: { app: 'no-such-app' } }));
    try {
      for (const f of failing) await expect(f.take(1)).rejects.toThrow(/BAD_USER_INPUT/);
      await activeIs(0);
    } finally {
      for (const f of failing) f.dispose();
      await client.dispose();
    }
  });

  it('a sharer whose token expires gets UNAUTHENTICATED and completes; the sharer of the same view goes on', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const expiring = createWsClient(gw.url, { connectionParams: gw.bearer(await gw.jwt({ pn_role: 'viewer' }, { expiresIn: expiresAt })) });
    const lasting = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.viewer.token) });
    const other = subscribe(lasting, CallEventsDocument, {});
    try {
      const ended = new Promise<{ errors: unknown[] }>((resolve) => {
        const errors: unknown[] = [];
        expiring.subscribe({ query: QUERY }, { next: (r) => r.errors && errors.push(...r.errors), error: (e) => resolve({ errors: [e] }), complete: () => resolve({ errors }) });
      });
      await activeIs(2);
      const outcome = await withTimeout(ended, 20_000, 'the expiring subscription to end');
      expect(outcome.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
      await activeIs(1);
      const session = await pushCallEvent();
      expect((await other.take(1))[0].callEvents).toMatchObject({ sessionId: session, caller: '+86138****8000' });
    } finally {
      other.dispose();
      await expiring.dispose();
      await lasting.dispose();
    }
    await activeIs(0);
  });

  it('a stalled sharer is cut (4008) while a sharer of the same subscription on another socket keeps receiving', async () => {
    const token = `Bearer ${gw.keys.operator.token}`;
    // 100 sharers on one socket, so the kernel's socket buffers fill after a few batches once it stops reading.
    const stalled = await rawSubscriber(gw.url, token, 100, RECORDS);
    const healthy = await rawSubscriber(gw.url, token, 1, RECORDS);
    const batch = JSON.parse(JSON.stringify(fixture('cdr-batch-50'))) as Json;
    const pushBatch = async (tag: string) => {
      batch.feeLst = (batch.feeLst as Json[]).map((r, i) => ({ ...r, sessionId: `${tag}-${i}@x`, icid: `icid-${tag}-${i}` }));
      expect((await push(gw.url, app(), batch)).status).toBe(200);
    };
    try {
      await activeIs(101, 'callRecords');
      stalled.socket.pause();
      for (let n = 0; (await callEventsMetrics('callRecords')).cut === 0; n++) {
        if (n >= 100) throw new Error('the stalled socket was never cut');
        await pushBatch(`stall-${n}`);
      }
      await pushBatch('after-cut');
      await healthy.seen('"after-cut-49@x"');
      stalled.socket.resume();
      expect(await withTimeout(stalled.closed, 20_000, 'the stalled socket to close')).toBe(SLOW_CONSUMER_CLOSE_CODE);
      // What it got before the cut are results, never an error message.
      expect(stalled.texts.map((t) => (JSON.parse(t) as Json).type).filter((type) => type !== 'next')).toEqual([]);
      await activeIs(1, 'callRecords');
    } finally {
      stalled.socket.terminate();
      healthy.socket.close();
    }
    await activeIs(0, 'callRecords');
  });
});
