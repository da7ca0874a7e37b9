import type { CallEventBody, NumStatusBody } from '../../../src/platform/push-wire';
import { URI } from '../../../src/platform/wire';
import { A, B, C, D, startSimulatorTest, statusInfos, type SimulatorTest } from './simulator-fixture';

/** push-api.md §5: X number status pushes and what each status does to binds, calls and SMS. */
describe('simulator: number status', () => {
  let t: SimulatorTest;

  beforeEach(async () => {
    t = await startSimulatorTest({}, (seed) => {
      const axb = seed.apps.find((a) => a.name === 's-axb')!;
      axb.push = { ...axb.push, numStatus: axb.push!.default!.replace('/webhooks/', '/numstatus/') };
    });
  });
  afterEach(() => t.stop());

  const bind = (x: string, callerNum: string, calleeNum: string) => t.client('s-axb').post(URI.axb, { relationNum: x, callerNum, calleeNum });
  const lastCode = async (sessionId: string) => {
    await t.emulator.pushes.settled();
    return statusInfos(t.emulator.pushes.byKey(sessionId)).at(-1)!.stateCode;
  };

  test('status 10 is pushed to the numStatus address; binds get 1012102, calls 8055, SMS sendResult 3', async () => {
    const [X] = t.numbers('s-axb');
    await bind(X, A, B);
    t.emulator.pushNumberStatus({ number: X, status: '10', cause: '2' });
    const push = await t.receiver.waitFor((p) => p.body?.eventType === 'numStatus');
    expect(push.path).toBe('/numstatus/s-axb');
    expect(push.body as NumStatusBody).toEqual({ eventType: 'numStatus', numInfo: [{ number: X, status: '10', cause: '2' }] });
    expect((await bind(X, C, D)).json).toEqual({ resultcode: '1012102', resultdesc: 'The number status is abnormal.' });
    expect(await lastCode(t.emulator.simulateCall({ from: A, to: X }).sessionId)).toBe(8055);
    const sms = t.emulator.simulateSms({ from: A, to: X, content: 'hi' }).smsIdentifier;
    await t.emulator.pushes.settled();
    expect(t.emulator.pushes.byKey(sms).map((r) => (r.body as { smsEvent: { sendResult: number } }).smsEvent.sendResult)).toEqual([3]);
  });

  test('status 11 freezes binding only: binds get 1012102, calls still connect; status 5 makes it normal again', async () => {
    const [X] = t.numbers('s-axb');
    await bind(X, A, B);
    t.emulator.pushNumberStatus({ number: X, status: '11' });
    expect((await bind(X, C, D)).json?.resultcode).toBe('1012102');
    const { sessionId } = t.emulator.simulateCall({ from: A, to: X, talkSeconds: 1 });
    expect(await lastCode(sessionId)).toBe(0);
    expect(t.emulator.pushes.byKey(sessionId).map((r) => (r.body as CallEventBody).eventType)).toContain('answer');
    t.emulator.pushNumberStatus({ number: X, status: '5' });
    expect((await bind(X, C, D)).json?.resultcode).toBe('0');
    await t.emulator.pushes.settled();
    const statuses = t.emulator.pushes.all().filter((r) => r.kind === 'numStatus').map((r) => (r.body as NumStatusBody).numInfo[0]);
    expect(statuses).toEqual([{ number: X, status: '11' }, { number: X, status: '5' }]);
  });

  test('status 9 on an AX number: area allocation skips it; its calls fail with 8055', async () => {
    const [X1, X2] = t.numbers('s-ax');
    t.emulator.pushNumberStatus({ number: X1, status: '9' });
    const bound = await t.client('s-ax').post(URI.ax, { origNum: A, areaCode: '0755', privateNumType: 'mobile-virtual' });
    expect(bound.json?.privateNum).toBe(X2);
    expect(await lastCode(t.emulator.simulateCall({ from: B, to: X1 }).sessionId)).toBe(8055);
    const push = t.receiver.received.find((p) => p.body?.eventType === 'numStatus')!;
    expect(push.path).toBe('/webhooks/s-ax');
  });

  test('bad input throws: unknown number, status or cause', () => {
    const [X] = t.numbers('s-axb');
    expect(() => t.emulator.pushNumberStatus({ number: '+8617999999999', status: '9' })).toThrow(/No app owns/);
    expect(() => t.emulator.pushNumberStatus({ number: X, status: '7' as '9' })).toThrow(/status must be one of/);
    expect(() => t.emulator.pushNumberStatus({ number: X, status: '10', cause: '4' })).toThrow(/cause must be one of/);
  });
});
