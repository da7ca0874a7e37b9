import type { CallEventBody } from '../../../src/platform/push-wire';
import { computeDigest, parseTokenHeader, type AuthScheme } from '../../../src/platform/signing';
import { URI } from '../../../src/platform/wire';
import { A, B, startSimulatorTest, type SimulatorTest } from './simulator-fixture';
import type { ReceivedPush } from './push-receiver';

/** push-api.md §1: signed POSTs on fresh connections, HTTP 200 only, the 1/4/9/106/203/300-minute retries. */
describe('simulator: push delivery', () => {
  let t: SimulatorTest;

  afterEach(() => t.stop());

  /** The token header verifies with the app's secret; returns its nonce. */
  function verify(p: ReceivedPush, scheme: AuthScheme, appKey: string, secret: string): string {
    const header = p.headers[scheme === 'aksk' ? 'x-aksk' : 'x-wsse'] as string;
    expect(p.headers.authorization).toBe(`${scheme.toUpperCase()} realm="SDP",profile="UsernameToken",type="Appkey"`);
    const token = parseTokenHeader(header);
    expect(token.username).toBe(appKey);
    expect(token.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(token.nonce).toMatch(/^[0-9A-Za-z]{1,128}$/);
    expect(token.passwordDigest).toBe(computeDigest(scheme, secret, token.nonce!, token.created!));
    return token.nonce!;
  }

  test('500, 500, then 200: delivered on the 3rd attempt, re-signed each time, at 60 and 240 scaled seconds', async () => {
    t = await startSimulatorTest();
    let n = 0;
    t.receiver.answer = () => ({ status: (n += 1) <= 2 ? 500 : 200 });
    const [X] = t.numbers('s-axb');
    t.emulator.pushNumberStatus({ number: X, status: '10', cause: '2' });
    await t.emulator.pushes.settled();
    const [record] = t.emulator.pushes.all();
    expect(record).toMatchObject({ kind: 'numStatus', delivered: true, state: 'delivered', url: `${t.receiver.url}/webhooks/s-axb` });
    expect(record.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const got = t.receiver.received;
    expect(got).toHaveLength(3);
    const nonces = got.map((p) => verify(p, 'aksk', 's-axb-key', 's-axb-secret'));
    expect(new Set(nonces).size).toBe(3);
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(58);
    expect(got[2].at - got[0].at).toBeGreaterThanOrEqual(238);
    expect(got[2].at - got[0].at).toBeLessThan(2000);
    expect(got.every((p) => p.raw === got[0].raw)).toBe(true);
  });

  test('each push: its own connection, Connection: close, JSON content type, UTF-8 body', async () => {
    t = await startSimulatorTest();
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B, userData: '订单-1' });
    t.emulator.simulateCall({ from: A, to: X, talkSeconds: 1 });
    await t.emulator.pushes.settled();
    const got = t.receiver.received;
    expect(got.map((p) => p.body.eventType)).toEqual(['callin', 'callout', 'alerting', 'answer', 'disconnect', 'fee']);
    expect(new Set(got.map((p) => p.remotePort)).size).toBe(got.length);
    for (const p of got) {
      expect(p.headers['content-type']).toBe('application/json;charset=UTF-8');
      expect(p.headers.connection).toBe('close');
      expect(Number(p.headers['content-length'])).toBe(Buffer.byteLength(p.raw));
    }
    expect(got[0].body.statusInfo.userData).toBe('订单-1');
  });

  test('an app whose seed asks for wsse signs its pushes with X-WSSE', async () => {
    t = await startSimulatorTest({}, (seed) => void (seed.apps[0].pushScheme = 'wsse'));
    t.emulator.pushNumberStatus({ number: t.numbers('s-axb')[0], status: '9' });
    await t.emulator.pushes.settled();
    expect(t.receiver.received).toHaveLength(1);
    verify(t.receiver.received[0], 'wsse', 's-axb-key', 's-axb-secret');
  });

  test('a push never answered 200 is given up after the schedule; a timeout counts as a failure', async () => {
    t = await startSimulatorTest({ simulator: { retryScheduleSeconds: [1, 2], pushTimeoutMs: 100 } });
    let n = 0;
    t.receiver.answer = () => ((n += 1) === 1 ? 'hang' : { status: 503 });
    t.emulator.pushNumberStatus({ number: t.numbers('s-axb')[0], status: '11' });
    await t.emulator.pushes.settled();
    const [record] = t.emulator.pushes.all();
    expect(record).toMatchObject({ state: 'gaveUp', delivered: false });
    expect(record.attempts.map((a) => a.status ?? a.error)).toEqual(['no answer within 100 ms', 503, 503]);
  });

  test("a failing event does not hold the call's later events; it is retried until delivered", async () => {
    t = await startSimulatorTest();
    const seen = (type: string) => t.receiver.received.some((p) => p.body?.eventType === type);
    t.receiver.answer = (p) => ({ status: p.body?.eventType === 'callout' && !seen('disconnect') ? 500 : 200 });
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const { sessionId } = t.emulator.simulateCall({ from: A, to: X, talkSeconds: 1 });
    await t.emulator.pushes.settled();
    const firstArrivals = [...new Set(t.receiver.received.map((p) => p.body.eventType))];
    expect(firstArrivals.filter((e) => e !== 'fee')).toEqual(['callin', 'callout', 'alerting', 'answer', 'disconnect']);
    const callout = t.emulator.pushes.byKey(sessionId).find((r) => (r.body as CallEventBody).eventType === 'callout')!;
    expect(callout.delivered).toBe(true);
    expect(callout.attempts[0].status).toBe(500);
    expect(callout.attempts.at(-1)!.status).toBe(200);
  });

  test("a call's events wait for the previous event's first answer, while the call itself plays on", async () => {
    t = await startSimulatorTest();
    let releaseCallin: (a: { status: number }) => void = () => undefined;
    t.receiver.answer = (p) => (p.body?.eventType === 'callin' ? new Promise((resolve) => (releaseCallin = resolve)) : { status: 200 });
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const ended = new Promise<void>((resolve) => t.emulator.state.sessions.onEnd(() => resolve()));
    const { sessionId } = t.emulator.simulateCall({ from: A, to: X, talkSeconds: 1 });
    await Promise.all([ended, t.receiver.waitFor((p) => p.body?.eventType === 'callin')]);
    expect(t.receiver.received.map((p) => p.body.eventType)).toEqual(['callin']);
    expect(t.emulator.pushes.byKey(sessionId)).toHaveLength(1);
    releaseCallin({ status: 200 });
    await t.emulator.pushes.settled();
    expect(t.receiver.received.map((p) => p.body.eventType)).toEqual(['callin', 'callout', 'alerting', 'answer', 'disconnect', 'fee']);
  });

  test('stop() aborts a push in flight and cancels what is left', async () => {
    t = await startSimulatorTest();
    t.receiver.answer = () => 'hang';
    t.emulator.pushNumberStatus({ number: t.numbers('s-axb')[0], status: '9' });
    await t.receiver.waitFor(() => true);
    await t.emulator.stop();
    await t.emulator.pushes.settled();
    const [record] = t.emulator.pushes.all();
    expect(record.state).toBe('cancelled');
    expect(record.attempts[0].error).toMatch(/cancelled|socket hang up/);
  });
});
