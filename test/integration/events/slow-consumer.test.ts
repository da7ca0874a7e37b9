import WebSocket from 'ws';
import { SLOW_CONSUMER_CLOSE_CODE } from '../../../src/events/log-reader';
import { CallEventsDocument } from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';
import { withTimeout } from '../../helpers/with-timeout';
import { SEED } from '../limits/fixture';

jest.setTimeout(60_000);

type Json = Record<string, any>;

/** A raw graphql-transport-ws socket, acknowledged, with `query` subscribed as id "1". */
async function rawSubscriber(url: string, query: string): Promise<{ socket: WebSocket; closed: Promise<number>; messages: Json[] }> {
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
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
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
    gw = await startGatewayOnEmulator(SEED, {}, {}, {}, { limits: { subscriptionBufferEntries: 10, clientOperationsPerSecond: 10_000, socketMessagesPerSecond: 10_000 }, metrics: { public: true } });
  });
  afterAll(() => gw?.stop());

  it('is cut: its socket is closed with 4008, its memory let go, and other subscribers keep receiving', async () => {
    const stalled = await rawSubscriber(gw.url, 'subscription { callRecords { cursor sessionId } }');
    const client = createWsClient(gw.url);
    const other = subscribe(client, CallEventsDocument, {});
    try {
      await metricsMatch(gw.url, /gateway_subscriptions_active\{kind="callRecords"\} 1/);
      await metricsMatch(gw.url, /gateway_subscriptions_active\{kind="callEvents"\} 1/);
      // The client stops reading; one CDR batch then puts 50 records in front of it at once, over its limit of 10.
      stalled.socket.pause();
      const batch = JSON.parse(JSON.stringify(fixture('cdr-batch-50'))) as Json;
      batch.feeLst = (batch.feeLst as Json[]).map((r, i) => ({ ...r, sessionId: `slow-${i}@x`, icid: `slow-icid-${i}` }));
      expect((await push(gw.url, app, batch)).status).toBe(200);
      const event = JSON.parse(JSON.stringify(fixture('call-callin'))) as Json;
      event.statusInfo.sessionId = 'slow-after@x';
      expect((await push(gw.url, app, event)).status).toBe(200);
      expect((await other.take(1))[0].callEvents.sessionId).toBe('slow-after@x');

      stalled.socket.resume();
      expect(await withTimeout(stalled.closed, 10_000, 'the stalled socket to close')).toBe(SLOW_CONSUMER_CLOSE_CODE);
      // It got at most what was sent before the cut, never an error message.
      expect(stalled.messages.filter((m) => m.type === 'error')).toEqual([]);
      expect(stalled.messages.filter((m) => m.type === 'next').length).toBeLessThanOrEqual(50);

      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      expect(metrics).toMatch(/gateway_subscriptions_cut_total\{kind="callRecords"\} 1/);
      expect(metrics).toMatch(/gateway_subscriptions_active\{kind="callRecords"\} 0/);
      expect(metrics).toMatch(/gateway_subscriptions_active\{kind="callEvents"\} 1/);

      // The other subscriber is unaffected.
      event.statusInfo.sessionId = 'slow-later@x';
      expect((await push(gw.url, app, event)).status).toBe(200);
      expect((await other.take(1))[0].callEvents.sessionId).toBe('slow-later@x');
    } finally {
      other.dispose();
      await client.dispose();
      stalled.socket.terminate();
    }
  });
});
