import {
  CallDocument,
  CallEventsDocument,
  CallRecordsDocument,
  CallUpdatedDocument,
  CreateAxbBindingDocument,
  SimulateCallDocument,
} from '../generated/graphql';
import { createWsClient, postGraphql } from '../helpers/graphql-client';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { subscribe } from '../helpers/subscription';

const A = '+8613800000101';
const B = '+8613800000102';

/** Platform seconds run a thousand times faster: a 30 s call takes 30 ms. */
const FAST = { SANDBOX_TIME_SCALE: '0.001' };

describe('a call end to end: emulator pushes → store → subscriptions', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(FAST);
  });
  afterAll(() => gw.stop());

  it('streams the events of an answered AXB call in order, then its record, and stores the call', async () => {
    const created = await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: A, partyB: B, cityCode: '0755', recordCalls: true } });
    expect(created.body.errors).toBeUndefined();
    const binding = created.body.data!.createAXBBinding;
    const ws = createWsClient(gw.url);
    try {
      // after "0": everything of this new binding, so nothing is missed however fast the first push lands.
      const events = subscribe(ws, CallEventsDocument, { filter: { bindingId: binding.id }, after: '0' });
      const records = subscribe(ws, CallRecordsDocument, { bindingId: binding.id, after: '0' });
      const sim = await postGraphql(gw.url, SimulateCallDocument, { input: { from: A, to: binding.privacyNumber, talkSeconds: 45 } });
      expect(sim.body.errors).toBeUndefined();
      const sessionId = sim.body.data!.simulateCall.sessionId;
      const updates = subscribe(ws, CallUpdatedDocument, { sessionId, after: '0' });

      const got = (await events.take(5)).map((e) => e.callEvents);
      expect(got.map((e) => e.type)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
      expect(got.every((e) => e.sessionId === sessionId && e.binding?.id === binding.id)).toBe(true);
      expect(got[0]).toMatchObject({ caller: A, called: binding.privacyNumber });
      expect(got[1]).toMatchObject({ caller: binding.privacyNumber, called: B });
      expect(got[4].hangupCode).toBe(0);
      const cursors = got.map((e) => BigInt(e.cursor));
      expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);

      const [record] = (await records.take(1)).map((r) => r.callRecords);
      expect(record).toMatchObject({ sessionId, privacyNumber: binding.privacyNumber, caller: A, forwardedTo: B, recorded: true });
      expect(record.durationSeconds).toBeGreaterThanOrEqual(44);
      const states: string[] = [];
      while (states[states.length - 1] !== 'ENDED') states.push((await updates.take(1))[0].callUpdated.state);
      // The stream only moves forward: whatever part of the call it saw, states never go back.
      const order = ['INCOMING', 'RINGING', 'ANSWERED', 'ENDED'];
      expect(states.map((s) => order.indexOf(s))).toEqual([...states.map((s) => order.indexOf(s))].sort());

      const call = (await postGraphql(gw.url, CallDocument, { sessionId })).body;
      expect(call.errors).toBeUndefined();
      expect(call.data!.call).toMatchObject({ sessionId, state: 'ENDED', caller: A, callee: B, privacyNumber: binding.privacyNumber, binding: { id: binding.id } });
      expect(call.data!.call!.events.map((e) => e.type)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
      expect(call.data!.call!.record).toMatchObject({ recorded: true, forwardedTo: B });
      expect(call.data!.call!.recording?.downloadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      // The URL is asked from the platform once and reused until it expires; it really serves the file.
      const again = (await postGraphql(gw.url, CallDocument, { sessionId })).body.data!.call!.recording;
      expect(again?.downloadUrl).toBe(call.data!.call!.recording?.downloadUrl);
      expect(gw.gateway.emulator!.requestCount({ uri: '/rest/provision/voice/record/v1.0' })).toBe(1);
      expect((await fetch(again!.downloadUrl)).status).toBe(200);
      events.dispose();
      records.dispose();
      updates.dispose();
    } finally {
      await ws.dispose();
    }
  });
});
