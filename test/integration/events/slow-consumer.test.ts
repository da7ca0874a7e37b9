import WebSocket from 'ws';
import { SLOW_CONSUMER_CLOSE_CODE } from '../../../src/events/log-reader';
import { CallEventsDocument } from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';
import { withTimeout } from '../../helpers/with-timeout';
import { SEED } from '../limits/fixture';

jest.setTimeout(180_000);

type Json = Record<string, any>;

/** A raw graphql-transport-ws socket, acknowledged, with `query` subscribed `count` times (ids "1", "2", …). */
async function rawSubscriber(url: string, query: string, count: number): Promise<{ socket: WebSocket; closed: Promise<number>; messages: Json[] }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: Json[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('error', () => undefined);
  const acked = new Promise<void>((resolve) =>
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Json;
      messages.push(message);
      if (message.type === 'connection_ack') resolve();
    }),
  );
  await withTimeout(new Promise((resolve) => socket.once('open', resolve)), 5000, 'the socket to open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await withTimeout(acked, 5000, 'connection_ack');
  for (let i = 1; i <= count; i++) socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query } }));
  return { socket, closed, messages };
}

/** Resolves once the gateway's /metrics text matches `pattern` (both subscriptions open), failing after 10 s. */
async function metricsMatch(url: string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`metrics never matched ${String(pattern)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a subscriber that falls behind (limits.subscriptionBufferEntries)', () => {
  let gw: GatewayOnEmulator;
  const app = SEED.apps[0];
  beforeAll(async () => {
    gw = await startGatewayOnEmulator(SEED, {}, {}, {}, { limits: { subscriptionBufferEntries: 100, clientOperationsPerSecond: 10_000, socketMessagesPerSecond: 10_000 }, metrics: { public: true } });
  });
  afterAll(() => gw?.stop());

  it('is cut once it stops reading: its socket is closed with 4008, and other subscribers keep receiving', async () => {
    // 100 subscriptions on one socket, so the kernel's socket buffers fill after a few batches and the
    // server's sends stop completing: from then on the stalled socket's streams take nothing.
    const stalled = await rawSubscriber(gw.url, 'subscription { callRecords { cursor sessionId caller callee direction recorded } }', 100);
    const client = createWsClient(gw.url);
    const other = subscribe(client, CallEventsDocument, {});
    try {
      await metricsMatch(gw.url, /gateway_subscriptions_active\{kind="callRecords"\} 100/);
      await metricsMatch(gw.url, /gateway_subscriptions_active\{kind="callEvents"\} 1/);
      stalled.socket.pause();
      const batch = JSON.parse(JSON.stringify(fixture('cdr-batch-50'))) as Json;
      let cut = false;
      for (let n = 0; n < 100 && !cut; n++) {
        batch.feeLst = (batch.feeLst as Json[]).map((r, i) => ({ ...r, sessionId: `slow-${n}-${i}@x`, icid: `slow-icid-${n}-${i}` }));
        expect((await push(gw.url, app, batch)).status).toBe(200);
        cut = /gateway_subscriptions_cut_total\{kind="callRecords"\} [1-9]/.test(await (await fetch(`${gw.url}/metrics`)).text());
      }
      expect(cut).toBe(true);

      // The other subscriber is unaffected.
      const event = JSON.parse(JSON.stringify(fixture('call-callin'))) as Json;
      event.statusInfo.sessionId = 'slow-after@x';
      expect((await push(gw.url, app, event)).status).toBe(200);
      expect((await other.take(1))[0].callEvents.sessionId).toBe('slow-after@x');

      stalled.socket.resume();
      expect(await withTimeout(stalled.closed, 20_000, 'the stalled socket to close')).toBe(SLOW_CONSUMER_CLOSE_CODE);
      // What it got before the cut are results, never an error message.
      expect(stalled.messages.filter((m) => m.type === 'error')).toEqual([]);
      await metricsMatch(gw.url, /gateway_subscriptions_active\{kind="callRecords"\} 0/);
      expect(await (await fetch(`${gw.url}/metrics`)).text()).toMatch(/gateway_subscriptions_active\{kind="callEvents"\} 1/);
    } finally {
      other.dispose();
      await client.dispose();
      stalled.socket.terminate();
    }
  });
});
