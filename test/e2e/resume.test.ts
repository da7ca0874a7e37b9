import { loadConfig } from '../../src/config';
import { createGateway } from '../../src/gateway';
import type { WebhookHandler } from '../../src/server/http-server';
import { silentLogger } from '../../src/shared/logger';
import { BindingsDocument, CallDocument, CallEventsDocument, CallRecordsDocument, CreateAxbBindingDocument, SimulateCallDocument } from '../generated/graphql';
import { createWsClient, postGraphql } from '../helpers/graphql-client';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { subscribe } from '../helpers/subscription';
import { createTempDir } from '../helpers/temp-dir';

const FAST = { SANDBOX_TIME_SCALE: '0.001' };
const A = '+8613800000201';
const B = '+8613800000202';

async function bind(url: string, partyA = A, partyB = B): Promise<{ id: string; privacyNumber: string }> {
  const { body } = await postGraphql(url, CreateAxbBindingDocument, { input: { partyA, partyB, cityCode: '010' } });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.createAXBBinding;
}

async function call(url: string, from: string, to: string): Promise<string> {
  const { body } = await postGraphql(url, SimulateCallDocument, { input: { from, to, talkSeconds: 5 } });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.simulateCall.sessionId;
}

describe('resuming from the event log', () => {
  let gw: TestGateway;
  afterEach(() => gw?.stop());

  it('a subscriber that reconnects with after gets exactly what it missed, while pushes keep arriving', async () => {
    gw = await startTestGateway(FAST);
    const binding = await bind(gw.url);
    const first = createWsClient(gw.url);
    const sub = subscribe(first, CallEventsDocument, { filter: { bindingId: binding.id }, after: '0' });
    const s1 = await call(gw.url, A, binding.privacyNumber);
    const seen = (await sub.take(5)).map((e) => e.callEvents);
    expect(seen.every((e) => e.sessionId === s1)).toBe(true);
    sub.dispose();
    await first.dispose();

    const missed = [await call(gw.url, A, binding.privacyNumber), await call(gw.url, B, binding.privacyNumber)];
    await gw.gateway.emulator!.pushes.settled();
    const live = call(gw.url, A, binding.privacyNumber); // keeps pushing while the subscriber comes back
    const second = createWsClient(gw.url);
    try {
      const resumed = subscribe(second, CallEventsDocument, { filter: { bindingId: binding.id }, after: seen[4].cursor });
      const s4 = await live;
      const got = (await resumed.take(15)).map((e) => e.callEvents);
      const bySession = (s: string) => got.filter((e) => e.sessionId === s).map((e) => e.type);
      for (const s of [...missed, s4]) expect(bySession(s)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
      expect(got.some((e) => e.sessionId === s1)).toBe(false);
      const cursors = got.map((e) => BigInt(e.cursor));
      expect(new Set(cursors).size).toBe(15);
      expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
      resumed.dispose();
    } finally {
      await second.dispose();
    }
  });

  it('the platform re-pushes a CDR the gateway answered 500, and the record is stored once', async () => {
    let failures = 2;
    const flaky = (real: WebhookHandler): WebhookHandler => async (req) => {
      if (failures > 0 && req.rawBody.includes('"eventType":"fee"')) {
        failures--;
        return { status: 500, body: '{"error":"simulated outage"}' };
      }
      return real(req);
    };
    gw = await startTestGateway(FAST, { wrapWebhook: flaky });
    const binding = await bind(gw.url, '+8613800000211', '+8613800000212');
    const ws = createWsClient(gw.url);
    try {
      const records = subscribe(ws, CallRecordsDocument, { bindingId: binding.id, after: '0' });
      const s1 = await call(gw.url, '+8613800000211', binding.privacyNumber);
      await gw.gateway.emulator!.pushes.settled();
      const fee = gw.gateway.emulator!.pushes.all().filter((p) => p.kind === 'fee');
      expect(fee.map((p) => p.attempts.map((a) => a.status))).toEqual([[500, 500, 200]]);
      const s2 = await call(gw.url, '+8613800000212', binding.privacyNumber);
      const got = (await records.take(2)).map((r) => r.callRecords.sessionId);
      expect(got).toEqual([s1, s2]);
      records.dispose();
    } finally {
      await ws.dispose();
    }
  });
});

describe('a restart', () => {
  it('keeps every binding, call and event on the same DATA_DIR', async () => {
    const dir = await createTempDir('pn-restart-');
    const config = loadConfig({ PORT: '0', DATA_DIR: dir.path, LOG_LEVEL: 'silent', ...FAST });
    const overrides = { logger: silentLogger(), processMetrics: false };
    const first = createGateway(config, overrides);
    let second: ReturnType<typeof createGateway> | null = null;
    try {
      const { url } = await first.start();
      const binding = await bind(url, '+8613800000221', '+8613800000222');
      const sessionId = await call(url, '+8613800000221', binding.privacyNumber);
      await first.emulator!.pushes.settled();
      const before = (await postGraphql(url, CallDocument, { sessionId })).body.data?.call;
      expect(before?.state).toBe('ENDED');
      await first.stop();

      second = createGateway(config, overrides);
      const again = (await second.start()).url;
      expect((await postGraphql(again, CallDocument, { sessionId })).body.data?.call).toEqual(before);
      const listed = (await postGraphql(again, BindingsDocument, { filter: { party: '+8613800000221' } })).body.data?.bindings;
      expect(listed?.edges.map((e) => e.node.id)).toEqual([binding.id]);
      const ws = createWsClient(again);
      try {
        const replay = subscribe(ws, CallEventsDocument, { filter: { sessionId }, after: '0' });
        expect((await replay.take(5)).map((e) => e.callEvents.type)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
        replay.dispose();
      } finally {
        await ws.dispose();
      }
    } finally {
      await first.stop();
      await second?.stop();
      await dir.remove();
    }
  });
});
