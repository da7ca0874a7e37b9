import {
  BindAxybPartyBDocument,
  BindingCallsDocument,
  CallsDocument,
  CallDocument,
  CallEventsDocument,
  CreateAxBindingDocument,
  CreateAxeBindingDocument,
  CreateAxybBindingDocument,
  EndCallDocument,
  NumberStatusChangedDocument,
  SetSmsPolicyDocument,
  SetTemporaryCalleeDocument,
  SimulateCallDocument,
  SimulateNumberStatusDocument,
  SimulateSmsDocument,
  SmsMessagesLiveDocument,
} from '../generated/graphql';
import { createWsClient, postGraphql } from '../helpers/graphql-client';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { subscribe } from '../helpers/subscription';

const FAST = { SANDBOX_TIME_SCALE: '0.001' };

function data<T>(r: { body: { data?: T | null; errors?: unknown } }): T {
  if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data;
}

describe('calls and SMS in every mode, played by the emulator', () => {
  let gw: TestGateway;
  let ws: ReturnType<typeof createWsClient>;
  beforeAll(async () => {
    // The temporary callee lives 60 platform seconds: 60 ms at this time scale, too short for a loaded CI
    // machine; here it lives an hour of real time.
    gw = await startTestGateway(FAST, { emulator: { temporaryCalleeSeconds: 3_600_000 } });
    ws = createWsClient(gw.url);
  });
  afterAll(async () => {
    await ws.dispose();
    await gw.stop();
  });

  async function eventsOf(bindingId: string, from: string, to: string, extra: { extension?: string } = {}): Promise<string[]> {
    const sub = subscribe(ws, CallEventsDocument, { filter: { bindingId }, after: '0' });
    try {
      data(await postGraphql(gw.url, SimulateCallDocument, { input: { from, to, talkSeconds: 20, ...extra } }));
      const out: string[] = [];
      while (out[out.length - 1] !== 'DISCONNECT') out.push((await sub.take(1))[0].callEvents.type);
      return out;
    } finally {
      sub.dispose();
    }
  }

  it('AX: others reach A; A reaches the temporary callee', async () => {
    const A = '+8613800000301';
    const ax = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: A, cityCode: '021' } })).createAXBinding;
    expect(await eventsOf(ax.id, '+8613800000309', ax.privacyNumber)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
    const set = data(await postGraphql(gw.url, SetTemporaryCalleeDocument, { bindingId: ax.id, callee: '+8613800000308' })).setTemporaryCallee;
    expect(set).toMatchObject({ temporaryCallee: '+8613800000308' });
    const sub = subscribe(ws, CallEventsDocument, { filter: { bindingId: ax.id, types: ['CALL_OUT'] }, after: '0' });
    await sub.take(1);
    data(await postGraphql(gw.url, SimulateCallDocument, { input: { from: A, to: ax.privacyNumber, talkSeconds: 5 } }));
    expect((await sub.take(1))[0].callEvents).toMatchObject({ called: '+8613800000308' });
    sub.dispose();
  });

  it('AXE: the caller keys the extension (COLLECT_INFO) and reaches A', async () => {
    const axe = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: '+8613800000311', cityCode: '0755', extension: '0042' } })).createAXEBinding;
    expect(axe).toMatchObject({ extension: '0042' });
    const sub = subscribe(ws, CallEventsDocument, { filter: { bindingId: axe.id }, after: '0' });
    data(await postGraphql(gw.url, SimulateCallDocument, { input: { from: '+8613800000319', to: axe.privacyNumber, extension: '0042', talkSeconds: 5 } }));
    const got = [];
    while (got[got.length - 1]?.type !== 'DISCONNECT') got.push((await sub.take(1))[0].callEvents);
    sub.dispose();
    // The callin of an AXE call names no binding (the extension is not keyed yet). Once COLLECT_INFO names
    // it, earlier events are attributed too: a live subscriber filtered by binding sees CALL_IN only if it
    // had not read past it yet; a replay always does.
    const types = got.map((e) => e.type);
    expect(types.filter((t) => t !== 'CALL_IN')).toEqual(['COLLECT_INFO', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
    expect(got.find((e) => e.type === 'COLLECT_INFO')?.digits).toBe('0042');
    const replay = subscribe(ws, CallEventsDocument, { filter: { bindingId: axe.id }, after: '0' });
    expect((await replay.take(6)).map((e) => e.callEvents.type)).toEqual(['CALL_IN', 'COLLECT_INFO', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
    replay.dispose();
  });

  it('AXYB: B calls X to reach A, A calls Y to reach B', async () => {
    const A = '+8613800000321';
    const B = '+8613800000322';
    const axyb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: A, cityCode: '010' } })).createAXYBBinding;
    const withB = data(await postGraphql(gw.url, BindAxybPartyBDocument, { bindingId: axyb.id, partyB: B })).bindAXYBPartyB;
    expect(withB).toMatchObject({ mode: 'AXYB', partyBOrNull: B, numberY: expect.stringMatching(/^\+86/) });
    expect(await eventsOf(axyb.id, B, axyb.privacyNumber)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
  });

  it('endCall stops a call in progress through the platform', async () => {
    const axb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: '+8613800000331', partyB: '+8613800000332', cityCode: '020' } })).createAXYBBinding;
    const sub = subscribe(ws, CallEventsDocument, { filter: { bindingId: axb.id, types: ['ANSWER', 'DISCONNECT'] }, after: '0' });
    // 7200 platform seconds at this time scale: 7.2 s, long enough to be stopped while talking.
    const { sessionId } = data(await postGraphql(gw.url, SimulateCallDocument, { input: { from: '+8613800000332', to: axb.privacyNumber, talkSeconds: 7200 } })).simulateCall;
    expect((await sub.take(1))[0].callEvents.type).toBe('ANSWER');
    expect(data(await postGraphql(gw.url, EndCallDocument, { sessionId })).endCall.sessionId).toBe(sessionId);
    expect((await sub.take(1, 3000))[0].callEvents.type).toBe('DISCONNECT');
    sub.dispose();
    const ended = data(await postGraphql(gw.url, CallDocument, { sessionId })).call;
    expect(ended?.state).toBe('ENDED');
    const again = await postGraphql(gw.url, EndCallDocument, { sessionId });
    expect(again.body.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('an AX SMS without @B is a Block push answered by the app policy', async () => {
    const A = '+8613800000341';
    const ax = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: A, cityCode: '0755' } })).createAXBinding;
    data(
      await postGraphql(gw.url, SetSmsPolicyDocument, {
        input: { app: 'sandbox-ax', defaultDecision: 'DISCARD', rules: [{ contentContains: 'deliver', decision: 'FORWARD', forwardTo: '+8613800000349' }] },
      }),
    );
    const sub = subscribe(ws, SmsMessagesLiveDocument, { bindingId: ax.id, after: '0' });
    data(await postGraphql(gw.url, SimulateSmsDocument, { input: { from: A, to: ax.privacyNumber, content: 'please deliver this' } }));
    const [block, notify] = (await sub.take(2)).map((m) => m.smsMessages);
    expect(block).toMatchObject({ mode: 'BLOCK', decision: 'FORWARD', sender: A });
    expect(notify).toMatchObject({ mode: 'NOTIFY', receiver: '+8613800000349', sendResult: 0 });
    data(await postGraphql(gw.url, SimulateSmsDocument, { input: { from: A, to: ax.privacyNumber, content: 'no keyword' } }));
    expect((await sub.take(1))[0].smsMessages).toMatchObject({ mode: 'BLOCK', decision: 'DISCARD' });

    // A FORWARD without a receiver goes to the binding's temporary callee.
    data(await postGraphql(gw.url, SetSmsPolicyDocument, { input: { app: 'sandbox-ax', defaultDecision: 'FORWARD', rules: [] } }));
    data(await postGraphql(gw.url, SetTemporaryCalleeDocument, { bindingId: ax.id, callee: '+8613800000348' }));
    data(await postGraphql(gw.url, SimulateSmsDocument, { input: { from: A, to: ax.privacyNumber, content: 'see you' } }));
    const [fwd, delivered] = (await sub.take(2)).map((m) => m.smsMessages);
    expect(fwd).toMatchObject({ mode: 'BLOCK', decision: 'FORWARD' });
    expect(delivered).toMatchObject({ mode: 'NOTIFY', receiver: '+8613800000348' });
    sub.dispose();
  });

  it('lists a binding\'s calls and filters calls by state and time', async () => {
    const axyb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: '+8613800000351', partyB: '+8613800000352', cityCode: '0755' } })).createAXYBBinding;
    const sub = subscribe(ws, CallEventsDocument, { filter: { bindingId: axyb.id, types: ['DISCONNECT'] }, after: '0' });
    const answered = data(await postGraphql(gw.url, SimulateCallDocument, { input: { from: '+8613800000352', to: axyb.privacyNumber, talkSeconds: 3 } })).simulateCall.sessionId;
    const missed = data(await postGraphql(gw.url, SimulateCallDocument, { input: { from: '+8613800000352', to: axyb.privacyNumber, answer: false, hangupCode: 8102 } })).simulateCall.sessionId;
    await sub.take(2);
    sub.dispose();
    const listed = data(await postGraphql(gw.url, BindingCallsDocument, { id: axyb.id })).binding;
    expect(listed?.calls.totalCount).toBe(2);
    // The two calls start back to back and their first pushes race, so which was stored first is not fixed.
    expect(listed?.calls.edges.map((e) => e.node.sessionId).sort()).toEqual([missed, answered].sort());
    const failed = data(await postGraphql(gw.url, CallsDocument, { filter: { bindingId: axyb.id, state: 'FAILED' } })).calls;
    expect(failed.edges.map((e) => [e.node.sessionId, e.node.hangupCode])).toEqual([[missed, 8102]]);
    const future = data(await postGraphql(gw.url, CallsDocument, { filter: { bindingId: axyb.id, from: new Date(Date.now() + 3_600_000).toISOString() } })).calls;
    expect(future.totalCount).toBe(0);
    // Pages of one walk the same order as one page of all: newest stored first, each call once.
    const whole = data(await postGraphql(gw.url, CallsDocument, { filter: { bindingId: axyb.id }, first: 2 })).calls;
    expect(whole.edges.map((e) => e.node.sessionId).sort()).toEqual([missed, answered].sort());
    const page1 = data(await postGraphql(gw.url, CallsDocument, { filter: { bindingId: axyb.id }, first: 1 })).calls;
    const page2 = data(await postGraphql(gw.url, CallsDocument, { filter: { bindingId: axyb.id }, first: 1, after: page1.pageInfo.endCursor })).calls;
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.sessionId)).toEqual(whole.edges.map((e) => e.node.sessionId));
  });

  it('a number-status push reaches numberStatusChanged subscribers', async () => {
    const sub = subscribe(ws, NumberStatusChangedDocument, { app: 'sandbox-axb', after: '0' });
    data(await postGraphql(gw.url, SimulateNumberStatusDocument, { number: '+8617001000003', status: 'SUSPENDED', cause: null }));
    expect((await sub.take(1))[0].numberStatusChanged).toMatchObject({ number: '+8617001000003', status: 'SUSPENDED', app: { name: 'sandbox-axb' } });
    sub.dispose();
  });
});
