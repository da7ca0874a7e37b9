import { loadConfig, type AppConfig } from '../../src/config';
import { CallDocument, PrivacyNumberDocument, SmsMessagesDocument } from '../generated/graphql';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { postGraphql } from '../helpers/graphql-client';
import { fixture, push } from '../helpers/push';

const SESSION = '1200_3301_4294967295_20240506011540@callenabler246.huaweicaas.com';
const CALL_EVENTS = ['call-callin', 'call-callout', 'call-alerting', 'call-answer', 'call-disconnect'];

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Gives a fixture a new session id so each test has its own call. */
function withSession(body: Record<string, unknown>, sessionId: string): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, any>;
  if (copy.statusInfo) copy.statusInfo.sessionId = sessionId;
  for (const r of copy.feeLst ?? []) {
    r.sessionId = sessionId;
    r.icid = `icid-${sessionId}`;
  }
  return copy;
}

describe('platform pushes into the gateway', () => {
  let gw: TestGateway;
  let app: AppConfig;
  beforeAll(async () => {
    gw = await startTestGateway();
    app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
  });
  afterAll(() => gw.stop());

  it('stores every documented call event and CDR example, and the call ends as the CDR says', async () => {
    for (const name of [...CALL_EVENTS, 'cdr-axb-answered']) expect((await push(gw.url, app, fixture(name))).status).toBe(200);
    const { body } = await postGraphql(gw.url, CallDocument, { sessionId: SESSION });
    expect(body.data?.call).toMatchObject({
      state: 'ENDED',
      caller: '+8613800138000',
      callee: '+8613900139000',
      privacyNumber: '+8617100000001',
      answeredAt: '2024-05-06T01:15:47.000Z',
      endedAt: '2024-05-06T01:17:02.000Z',
      durationSeconds: 75,
      hangupCode: 0,
    });
    expect(body.data?.call?.events.map((e) => e.type)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
    expect(body.data?.call?.record).toMatchObject({ recordId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0.1234567890.123456789.5', direction: 1, recorded: true });
  });

  it('stores an X-mode Block callin (no X-mode app is configurable; the event is kept)', async () => {
    expect((await push(gw.url, app, fixture('call-x-block-callin'))).status).toBe(200);
    const { body } = await postGraphql(gw.url, CallDocument, { sessionId: '1201_0420_4294967295_20240506030000@callenabler246.huaweicaas.com' });
    expect(body.data?.call).toMatchObject({ state: 'INCOMING', caller: '+8613800138000', privacyNumber: '+8617100000001' });
  });

  it('stores each push once when the platform sends it three times in random order', async () => {
    const sessionId = 'dup_1@callenabler.example';
    const bodies = [...CALL_EVENTS, 'cdr-axb-answered'].map((n) => withSession(fixture(n), sessionId));
    for (const body of shuffled([...bodies, ...bodies, ...bodies], 7)) expect((await push(gw.url, app, body)).status).toBe(200);
    const { body } = await postGraphql(gw.url, CallDocument, { sessionId });
    expect(body.data?.call?.events).toHaveLength(5);
    expect(body.data?.call?.state).toBe('ENDED');
    expect(body.data?.call?.durationSeconds).toBe(75);
  });

  it('ends a call whose disconnect arrives before its answer as ENDED, and the late answer does not reopen it', async () => {
    const sessionId = 'late_answer@callenabler.example';
    for (const n of ['call-callin', 'call-disconnect', 'call-answer']) expect((await push(gw.url, app, withSession(fixture(n), sessionId))).status).toBe(200);
    const { body } = await postGraphql(gw.url, CallDocument, { sessionId });
    expect(body.data?.call).toMatchObject({ state: 'ENDED', answeredAt: '2024-05-06T01:15:47.000Z' });
  });

  it('settles an unanswered call as FAILED from its CDR', async () => {
    const sessionId = 'failed_1@callenabler.example';
    expect((await push(gw.url, app, withSession(fixture('cdr-axb-failed'), sessionId))).status).toBe(200);
    const { body } = await postGraphql(gw.url, CallDocument, { sessionId });
    expect(body.data?.call?.state).toBe('FAILED');
    expect(body.data?.call?.record?.answeredAt).toBeNull();
  });

  it('stores a batch of 50 CDRs in one go', async () => {
    expect((await push(gw.url, app, fixture('cdr-batch-50'))).status).toBe(200);
    const batch = fixture('cdr-batch-50') as { feeLst: { sessionId: string }[] };
    for (const r of [batch.feeLst[0], batch.feeLst[49]]) {
      const { body } = await postGraphql(gw.url, CallDocument, { sessionId: r.sessionId });
      expect(body.data?.call?.record).not.toBeNull();
    }
  });

  it('stores SMS notifications and answers a Block push with a decision body', async () => {
    const block = await push(gw.url, app, fixture('sms-ax-block'));
    expect(block.status).toBe(200);
    expect(JSON.parse(block.text)).toEqual({ actions: [{ operation: 'DiscardMessage' }] });
    expect((await push(gw.url, app, fixture('sms-notify-forwarded'))).status).toBe(200);
    const { body } = await postGraphql(gw.url, SmsMessagesDocument, { privacyNumber: '+8617100000001' });
    const modes = body.data?.smsMessages.edges.map((e) => [e.node.mode, e.node.decision]);
    expect(modes).toEqual(expect.arrayContaining([['BLOCK', 'DISCARD'], ['NOTIFY', null]]));
  });

  it('updates number status from a number-status push', async () => {
    expect((await push(gw.url, app, fixture('number-status'))).status).toBe(200);
    const down = await postGraphql(gw.url, PrivacyNumberDocument, { number: '+8617100000001' });
    expect(down.body.data?.privacyNumber).toMatchObject({ status: 'UNAVAILABLE', statusCause: '2 (arrears)' });
    expect(down.body.data?.privacyNumber?.statusChangedAt).toEqual(expect.any(String));
  });

  it('keeps what is not a push as a dead letter (200); unknown app 404; too large 413', async () => {
    const bad = await push(gw.url, app, { eventType: 'answer', statusInfo: { timestamp: '2024-05-06 01:15:47' } });
    expect(bad.status).toBe(200);
    expect((await push(gw.url, app, '{not json')).status).toBe(200);
    expect((await push(gw.url, app, { hello: 'world' })).status).toBe(200);
    expect((await push(gw.url, { ...app, name: 'nobody' }, fixture('call-callin'))).status).toBe(404);
    expect((await push(gw.url, app, ' '.repeat(1024 * 1024 + 1))).status).toBe(413);
  });
});

describe('push signatures', () => {
  it('enforce answers 401 to a bad signature or the scheme the configuration does not name (aksk here), and 200 to a good one', async () => {
    const gw = await startTestGateway({ SANDBOX_WEBHOOK_AUTH: 'enforce' });
    try {
      const app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
      const body = withSession(fixture('call-callin'), 'signed@x');
      expect((await push(gw.url, app, body, { sign: false })).status).toBe(401);
      expect((await push(gw.url, app, body, { secret: 'wrong' })).status).toBe(401);
      expect((await push(gw.url, app, body)).status).toBe(200);
      expect((await push(gw.url, app, withSession(fixture('call-callin'), 'signed-wsse@x'), { scheme: 'wsse' })).status).toBe(401);
    } finally {
      await gw.stop();
    }
  });
});
