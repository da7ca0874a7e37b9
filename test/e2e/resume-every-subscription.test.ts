import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  CallEventsDocument,
  CallRecordsDocument,
  CallUpdatedDocument,
  CreateAxBindingDocument,
  CreateAxbBindingDocument,
  NumberStatusChangedDocument,
  SetSmsPolicyDocument,
  SimulateCallDocument,
  SimulateNumberStatusDocument,
  SimulateSmsDocument,
  SmsMessagesDocument,
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

interface ResumeCase<T, V> {
  document: TypedDocumentNode<T, V>;
  variables: V;
  /** The delivered object of one result (carrying `cursor`). */
  pick: (result: T) => { cursor?: string | null };
  /** Each step produces events and says how many deliveries they make. */
  before: () => Promise<number>;
  whileAway: () => Promise<number>;
  afterReturn: () => Promise<number>;
}

/**
 * The resume contract of one subscription, through the real graphql-ws client: a client takes what the first
 * step produced, disconnects, events are stored meanwhile, it reconnects with `after` = the cursor of the last
 * delivery it saw while more events arrive. What it gets must be exactly the part of a full replay (`after: "0"`)
 * that follows that cursor: same deliveries, same order, nothing missed, nothing repeated.
 */
async function checkResume<T, V>(gw: TestGateway, c: ResumeCase<T, V>): Promise<T[]> {
  const settle = () => gw.gateway.emulator!.pushes.settled();
  const first = createWsClient(gw.url);
  let seen: T[];
  try {
    const sub = subscribe(first, c.document, { ...c.variables, after: '0' });
    seen = await sub.take(await c.before());
    sub.dispose();
  } finally {
    await first.dispose();
  }
  const last = c.pick(seen[seen.length - 1]).cursor;
  expect(last).toMatch(/^\d+$/);

  const missed = await c.whileAway();
  await settle();
  const second = createWsClient(gw.url);
  let resumed: T[];
  try {
    const sub = subscribe(second, c.document, { ...c.variables, after: last });
    const live = await c.afterReturn();
    resumed = await sub.take(missed + live);
    await settle();
    sub.dispose();
  } finally {
    await second.dispose();
  }

  const third = createWsClient(gw.url);
  try {
    const all = subscribe(third, c.document, { ...c.variables, after: '0' });
    const everything = await all.take(seen.length + resumed.length);
    all.dispose();
    expect(everything.slice(0, seen.length)).toEqual(seen);
    expect(resumed).toEqual(everything.slice(seen.length));
    const cursors = everything.map((r) => BigInt(c.pick(r).cursor ?? '-1'));
    expect(cursors.every((v, i) => v > 0n && (i === 0 || v > cursors[i - 1]))).toBe(true);
  } finally {
    await third.dispose();
  }
  return [...seen, ...resumed];
}

describe('every subscription resumes from the cursor of its last delivery', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(FAST);
  });
  afterAll(() => gw?.stop());

  const axb = async (a: string, b: string) => data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: a, partyB: b, cityCode: '010' } })).createAXBBinding;
  const call = async (from: string, to: string) => data(await postGraphql(gw.url, SimulateCallDocument, { input: { from, to, talkSeconds: 2 } })).simulateCall.sessionId;

  it('callEvents', async () => {
    const [A, B] = ['+8613800000601', '+8613800000602'];
    const binding = await axb(A, B);
    const got = await checkResume(gw, {
      document: CallEventsDocument,
      variables: { filter: { bindingId: binding.id } },
      pick: (r) => r.callEvents,
      before: async () => (await call(A, binding.privacyNumber), 5),
      whileAway: async () => (await call(B, binding.privacyNumber), await call(A, binding.privacyNumber), 10),
      afterReturn: async () => (await call(B, binding.privacyNumber), 5),
    });
    expect(new Set(got.map((r) => r.callEvents.sessionId)).size).toBe(4);
  });

  it('callUpdated', async () => {
    const [A, B] = ['+8613800000611', '+8613800000612'];
    const binding = await axb(A, B);
    const sessionId = await call(A, binding.privacyNumber);
    await gw.gateway.emulator!.pushes.settled();
    // One answered call: five events and its record, each a change of the call. Resumed after the second.
    const got = await checkResume(gw, {
      document: CallUpdatedDocument,
      variables: { sessionId },
      pick: (r) => r.callUpdated,
      before: async () => 2,
      whileAway: async () => 4,
      afterReturn: async () => 0,
    });
    expect(got.map((r) => r.callUpdated.state).slice(-1)).toEqual(['ENDED']);
  });

  it('callRecords', async () => {
    const [A, B] = ['+8613800000621', '+8613800000622'];
    const binding = await axb(A, B);
    const sessions: string[] = [];
    const got = await checkResume(gw, {
      document: CallRecordsDocument,
      variables: { bindingId: binding.id },
      pick: (r) => r.callRecords,
      before: async () => (sessions.push(await call(A, binding.privacyNumber)), 1),
      whileAway: async () => (sessions.push(await call(B, binding.privacyNumber), await call(A, binding.privacyNumber)), 2),
      afterReturn: async () => (sessions.push(await call(B, binding.privacyNumber)), 1),
    });
    expect(got.map((r) => r.callRecords.sessionId).sort()).toEqual([...sessions].sort());
  });

  it('smsMessages, whose NOTIFY and BLOCK records of one SMS have ids of their own', async () => {
    const A = '+8613800000631';
    const ax = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: A, cityCode: '021' } })).createAXBinding;
    data(await postGraphql(gw.url, SetSmsPolicyDocument, { input: { app: 'sandbox-ax', defaultDecision: 'DISCARD', rules: [{ contentContains: 'hello', decision: 'FORWARD', forwardTo: '+8613800000639' }] } }));
    // An AX SMS without @B: a Block push (decided FORWARD to the receiver) and then the Notify of its delivery.
    const sms = async (n: number) => {
      for (let i = 0; i < n; i++) {
        data(await postGraphql(gw.url, SimulateSmsDocument, { input: { from: A, to: ax.privacyNumber, content: `hello ${i}` } }));
        await gw.gateway.emulator!.pushes.settled();
      }
      return 2 * n;
    };
    const got = await checkResume(gw, {
      document: SmsMessagesLiveDocument,
      variables: { bindingId: ax.id },
      pick: (r) => r.smsMessages,
      before: () => sms(1),
      whileAway: () => sms(2),
      afterReturn: () => sms(1),
    });
    const messages = got.map((r) => r.smsMessages);
    expect(messages.map((m) => m.mode)).toEqual(['BLOCK', 'NOTIFY', 'BLOCK', 'NOTIFY', 'BLOCK', 'NOTIFY', 'BLOCK', 'NOTIFY']);
    expect(new Set(messages.map((m) => m.id)).size).toBe(8);
    expect(new Set(messages.map((m) => m.smsIdentifier)).size).toBe(4);
    const listed = data(await postGraphql(gw.url, SmsMessagesDocument, { bindingId: ax.id, first: 20 })).smsMessages.edges.map((e) => e.node);
    expect(listed.map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(listed.every((m) => m.cursor === null)).toBe(true);
  });

  it('numberStatusChanged', async () => {
    const status = async (changes: [string, 'SUSPENDED' | 'NORMAL' | 'UNAVAILABLE'][]) => {
      // One push at a time: the emulator sends each change as its own push, and two in flight may be stored in either order.
      for (const [number, to] of changes) {
        data(await postGraphql(gw.url, SimulateNumberStatusDocument, { number, status: to, cause: null }));
        await gw.gateway.emulator!.pushes.settled();
      }
      return changes.length;
    };
    const got = await checkResume(gw, {
      document: NumberStatusChangedDocument,
      variables: { app: 'sandbox-axe' },
      pick: (r) => r.numberStatusChanged,
      before: () => status([['+8617002000001', 'SUSPENDED']]),
      whileAway: () => status([['+8617002000002', 'UNAVAILABLE'], ['+8617002000001', 'NORMAL']]),
      afterReturn: () => status([['+8617002000003', 'SUSPENDED']]),
    });
    expect(got.map((r) => [r.numberStatusChanged.number, r.numberStatusChanged.status])).toEqual([
      ['+8617002000001', 'SUSPENDED'],
      ['+8617002000002', 'UNAVAILABLE'],
      ['+8617002000001', 'NORMAL'],
      ['+8617002000003', 'SUSPENDED'],
    ]);
  });
});
