import { sandboxSeed } from '../../../src/emulator/seed';
import { CallEventsDocument } from '../../generated/graphql';
import { createWsClient, postGraphql } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';
import { subscribe } from '../../helpers/subscription';
import { type AuthGateway, startAuthGateway } from './fixture';

jest.setTimeout(90_000);

const PARTY_A = '+8613800000021';
const PARTY_B = '+8613900000022';
const SMS_CONTENT = 'your code is 4711';
/** Party numbers of the pushed fixtures (push-api.md examples). */
const FIXTURE_PARTIES = ['+8613800138000', '+8613900139000'];

/** Gives a fixture its own session id (call events and CDRs) or SMS identifier. */
function withSession(body: Record<string, unknown>, id: string): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, any>;
  if (copy.statusInfo) copy.statusInfo.sessionId = id;
  for (const r of copy.feeLst ?? []) Object.assign(r, { sessionId: id, icid: `icid-${id}` });
  if (copy.smsEvent) Object.assign(copy.smsEvent, { smsIdentifier: `sms-${id}`, smsContent: SMS_CONTENT });
  return copy;
}

/** Every field of the schema that can carry a party number, SMS content or user data. */
const WIDE = `{
  bindings(first: 50) { edges { node { id app { name } privacyNumber userData
    ... on AXBBinding { partyA partyB } ... on AXBinding { partyA temporaryCallee } ... on AXEBinding { partyA callbackNumber } ... on AXYBBinding { partyA yPartyB: partyB numberY } } } }
  calls(first: 50) { edges { node { sessionId privacyNumber caller callee events { caller called } record { privacyNumber caller callee forwardedTo userData } } } }
  smsMessages(first: 50) { edges { node { id privacyNumber sender receiver content } } }
}`;

describe('what each role sees: masked party numbers for viewers, app scope for limited principals', () => {
  let gw: AuthGateway;
  const seed = sandboxSeed();
  const appOf = (name: string) => seed.apps.find((a) => a.name === name)!;
  let bindingId: string;
  let privacyNumber: string;

  beforeAll(async () => {
    gw = await startAuthGateway();
    const created = await postGraphql(
      gw.url,
      `mutation { createAXBBinding(input: { partyA: "${PARTY_A}", partyB: "${PARTY_B}", cityCode: "0755", userData: "call ${PARTY_A} back" }) { id privacyNumber } }`,
      undefined,
      gw.bearer(gw.keys.operator.token),
    );
    expect(created.body.errors).toBeUndefined();
    ({ id: bindingId, privacyNumber } = (created.body.data as { createAXBBinding: { id: string; privacyNumber: string } }).createAXBBinding);
    for (const name of ['call-callin', 'call-answer', 'cdr-axb-answered', 'sms-notify-forwarded']) {
      expect((await push(gw.url, appOf('sandbox-axb'), withSession(fixture(name), 'axb-session-1'))).status).toBe(200);
    }
    expect((await push(gw.url, appOf('sandbox-ax'), withSession(fixture('call-callin'), 'ax-session-1'))).status).toBe(200);
  }, 120_000);
  afterAll(() => gw?.stop());

  it('a viewer sees every party number masked, SMS content null, X numbers and ids in full', async () => {
    const { body } = await postGraphql(gw.url, WIDE, undefined, gw.bearer(gw.keys.viewer.token));
    expect(body.errors).toBeUndefined();
    const text = JSON.stringify(body.data);
    for (const party of [PARTY_A, PARTY_B, ...FIXTURE_PARTIES]) expect(text).not.toContain(party);
    expect(text).not.toContain(SMS_CONTENT);
    const data = body.data as any;
    const binding = data.bindings.edges.find((e: any) => e.node.id === bindingId).node;
    expect(binding).toMatchObject({ partyA: '+86138****0021', partyB: '+86139****0022', privacyNumber, userData: 'call +86138****0021 back' });
    const call = data.calls.edges.find((e: any) => e.node.sessionId === 'axb-session-1').node;
    expect(call).toMatchObject({ privacyNumber: '+8617100000001', caller: '+86138****8000' });
    expect(call.record).toMatchObject({ privacyNumber: '+8617100000001', caller: '+86138****8000', forwardedTo: '+86139****9000' });
    expect(data.smsMessages.edges[0].node).toMatchObject({ privacyNumber: '+8617100000001', sender: '+86138****8000', content: null });
  });

  it('an operator sees the same data in full', async () => {
    const { body } = await postGraphql(gw.url, WIDE, undefined, gw.bearer(gw.keys.operator.token));
    const text = JSON.stringify(body.data);
    for (const party of [PARTY_A, PARTY_B, ...FIXTURE_PARTIES]) expect(text).toContain(party);
    expect(text).toContain(SMS_CONTENT);
  });

  it('a viewer subscription gets masked events too', async () => {
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.viewer.token) });
    try {
      const sub = subscribe(client, CallEventsDocument, { filter: { sessionId: 'axb-session-1' }, after: '0' });
      const [first] = await sub.take(1);
      expect(first.callEvents.caller).toBe('+86138****8000');
      sub.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('a principal limited to sandbox-axb lists only its app, and another app’s objects are not found', async () => {
    const auth = gw.bearer(gw.keys.axbOperator.token);
    const { body } = await postGraphql(gw.url, '{ calls(first: 50) { edges { node { sessionId } } } apps { name } }', undefined, auth);
    expect((body.data as any).calls.edges.map((e: any) => e.node.sessionId)).toEqual(['axb-session-1']);
    expect((body.data as any).apps).toEqual([{ name: 'sandbox-axb' }]);
    const lookups = await postGraphql(gw.url, '{ call(sessionId: "ax-session-1") { sessionId } mine: call(sessionId: "axb-session-1") { sessionId } }', undefined, auth);
    expect(lookups.body.data).toEqual({ call: null, mine: { sessionId: 'axb-session-1' } });
    const ended = await postGraphql(gw.url, 'mutation { endCall(sessionId: "ax-session-1") { sessionId } }', undefined, auth);
    expect(ended.body.errors?.[0]).toMatchObject({ message: 'sessionId: no call ax-session-1', extensions: { code: 'NOT_FOUND' } });

    // A binding of another app, made by an unlimited operator: not found for the limited one.
    const ax = await postGraphql(gw.url, `mutation { createAXBinding(input: { partyA: "+8613800000031", cityCode: "0755" }) { id } }`, undefined, gw.bearer(gw.keys.operator.token));
    const axId = (ax.body.data as any).createAXBinding.id as string;
    const seen = await postGraphql(gw.url, `{ binding(id: "${axId}") { id } }`, undefined, auth);
    expect(seen.body.data).toEqual({ binding: null });
    const deleted = await postGraphql(gw.url, `mutation { deleteBinding(id: "${axId}") { id } }`, undefined, auth);
    expect(deleted.body.errors?.[0]).toMatchObject({ message: `id: no binding ${axId}`, extensions: { code: 'NOT_FOUND' } });
    const still = await postGraphql(gw.url, `{ binding(id: "${axId}") { status } }`, undefined, gw.bearer(gw.keys.operator.token));
    expect(still.body.data).toEqual({ binding: { status: 'ACTIVE' } });
  });

  it('a limited principal’s subscription never delivers another app’s event', async () => {
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.axbViewer.token) });
    try {
      // Replayed from the start: the log holds sandbox-ax events between the sandbox-axb ones, so a leak
      // would be among the first three delivered.
      const sub = subscribe(client, CallEventsDocument, { after: '0' });
      expect((await push(gw.url, appOf('sandbox-ax'), withSession(fixture('call-callout'), 'ax-session-2'))).status).toBe(200);
      expect((await push(gw.url, appOf('sandbox-axb'), withSession(fixture('call-callout'), 'axb-session-2'))).status).toBe(200);
      const events = await sub.take(3);
      expect(events.map((e) => [e.callEvents.sessionId, e.callEvents.type])).toEqual([
        ['axb-session-1', 'CALL_IN'],
        ['axb-session-1', 'ANSWER'],
        ['axb-session-2', 'CALL_OUT'],
      ]);
      sub.dispose();
    } finally {
      await client.dispose();
    }
  });
});
