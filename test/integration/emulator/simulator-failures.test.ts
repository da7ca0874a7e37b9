import type { FeeInfo, FeeBody } from '../../../src/platform/push-wire';
import { URI } from '../../../src/platform/wire';
import { A, B, C, eventRows, startSimulatorTest, statusInfos, type SimulatorTest } from './simulator-fixture';

/** push-api.md Appendix A: calls the platform refuses or that end unanswered, and their CDRs. */
describe('simulator: refused and unanswered calls', () => {
  let t: SimulatorTest;

  beforeEach(async () => {
    t = await startSimulatorTest();
  });
  afterEach(() => t.stop());

  /** Event types, the disconnect's stateCode and the CDR of one call. */
  async function outcome(sessionId: string): Promise<{ events: string[]; code?: number; desc?: string; cdr: FeeInfo }> {
    await t.emulator.pushes.settled();
    const records = t.emulator.pushes.byKey(sessionId);
    const last = statusInfos(records).at(-1)!;
    const cdr = t.emulator.pushes.all().filter((r) => r.kind === 'fee').flatMap((r) => (r.body as FeeBody).feeLst).find((f) => f.sessionId === sessionId)!;
    return { events: eventRows(records).map((r) => r[0]), code: last.stateCode, desc: last.stateDesc, cdr };
  }

  const call = (from: string, to: string, extra: Record<string, unknown> = {}) => t.emulator.simulateCall({ from, to, ...extra }).sessionId;

  test('AXB stranger: callin + disconnect 8014, a CDR with an empty subscriptionId, direction 2', async () => {
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const id = call(C, X);
    const o = await outcome(id);
    expect(o).toMatchObject({ events: ['callin', 'disconnect'], code: 8014, desc: 'Invalid AXB call: no binding.' });
    expect(statusInfos(t.emulator.pushes.byKey(id))).toEqual([
      { sessionId: id, timestamp: '2024-01-01 10:00:00', caller: C, called: X },
      { sessionId: id, timestamp: '2024-01-01 10:00:01', caller: C, called: X, stateCode: 8014, stateDesc: 'Invalid AXB call: no binding.' },
    ]);
    expect(o.cdr).toMatchObject({ direction: 2, subscriptionId: '', callerNum: C, calleeNum: X, bindNum: X, ulFailReason: 8014, failTime: '2024-01-01 10:00:01', fwdUnaswRsn: 0 });
    expect(o.cdr).not.toHaveProperty('fwdStartTime');
    expect(o.cdr).not.toHaveProperty('fwdDstNum');
  });

  test('AXB callDirection: 1 refuses B → A, 2 refuses A → B, both with 8016', async () => {
    const [X1, X2] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X1, callerNum: A, calleeNum: B, callDirection: 1 });
    await t.client('s-axb').post(URI.axb, { relationNum: X2, callerNum: A, calleeNum: B, callDirection: 2 });
    const refusedB = await outcome(call(B, X1));
    const refusedA = await outcome(call(A, X2));
    expect([refusedB.code, refusedA.code]).toEqual([8016, 8016]);
    expect([refusedB.cdr.direction, refusedA.cdr.direction]).toEqual([0, 1]);
    expect(refusedB.cdr.subscriptionId).not.toBe('');
    expect((await outcome(call(A, X1))).code).toBe(0);
    expect((await outcome(call(B, X2))).code).toBe(0);
  });

  test('AX: no binding 8018; A with no temporary callee 8013; an expired one 8013; callDirection 8016', async () => {
    const [X1, X2] = t.numbers('s-ax');
    expect((await outcome(call(C, X1))).code).toBe(8018);
    await t.client('s-ax').post(URI.ax, { origNum: A, privateNum: X1 });
    expect((await outcome(call(A, X1))).code).toBe(8013);
    await t.client('s-ax').put(URI.axTemporaryCallee, { origNum: A, privateNum: X1, calleeNum: B });
    t.clock.advanceSeconds(0.06);
    expect((await outcome(call(A, X1))).code).toBe(8013);
    await t.client('s-ax').post(URI.ax, { origNum: A, privateNum: X2, callDirection: 1 });
    expect((await outcome(call(C, X2))).code).toBe(8016);
  });

  test('AXE: no extension 8033 without collectInfo; unknown extension 8022 after collectInfo', async () => {
    const [X] = t.numbers('s-axe');
    await t.client('s-axe').post(URI.axe, { bindNum: A, virtualNum: X, extendNum: '001' });
    const empty = await outcome(call(B, X));
    expect(empty).toMatchObject({ events: ['callin', 'disconnect'], code: 8033 });
    const unknown = await outcome(call(B, X, { extension: '999' }));
    expect(unknown).toMatchObject({ events: ['callin', 'collectInfo', 'disconnect'], code: 8022 });
    expect(unknown.cdr).toMatchObject({ direction: 2, subscriptionId: '', extendNum: '999' });
  });

  test('AXE: A dials X with no callback record and no callbackNum: 8019', async () => {
    const [X] = t.numbers('s-axe');
    await t.client('s-axe').post(URI.axe, { bindNum: A, virtualNum: X, callbackTone: 'sorry.wav' });
    const o = await outcome(call(A, X));
    expect(o).toMatchObject({ events: ['callin', 'disconnect'], code: 8019 });
    expect(o.cdr.direction).toBe(1);
  });

  test('AXYB: A dialling its own X 8032; a number with no relation 8030', async () => {
    const [X, , , X4] = t.numbers('s-axyb');
    await t.client('s-axyb').post(URI.axyb, { origNum: A }, { app_key: 's-axyb-key' });
    expect((await outcome(call(A, X))).code).toBe(8032);
    expect((await outcome(call(C, X4))).code).toBe(8030);
  });

  test('an abnormal X refuses calls with 8055, keeping the binding in the CDR', async () => {
    const [X] = t.numbers('s-axb');
    const bound = await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    t.emulator.setNumberAbnormal(X, true);
    const o = await outcome(call(A, X));
    expect(o).toMatchObject({ events: ['callin', 'disconnect'], code: 8055 });
    expect(o.cdr.subscriptionId).toBe(bound.json!.subscriptionId);
  });

  test('maxDuration cuts the call at the limit with 8010', async () => {
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B, maxDuration: 1 });
    const id = call(A, X, { talkSeconds: 600 });
    const o = await outcome(id);
    expect(o).toMatchObject({ events: ['callin', 'callout', 'alerting', 'answer', 'disconnect'], code: 8010 });
    expect(o.cdr).toMatchObject({ fwdAnswerTime: '2024-01-01 10:00:08', callEndTime: '2024-01-01 10:01:08', ulFailReason: 8010 });
  });

  test('unanswered: rings then 8101 (Q.850 19); busy 8102 never rings (Q.850 17)', async () => {
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const noAnswer = await outcome(call(A, X, { answer: false }));
    expect(noAnswer).toMatchObject({ events: ['callin', 'callout', 'alerting', 'disconnect'], code: 8101, desc: 'The callee did not answer.' });
    expect(noAnswer.cdr).toMatchObject({ fwdStartTime: '2024-01-01 10:00:01', fwdAlertingTime: '2024-01-01 10:00:03', fwdAnswerTime: '', fwdUnaswRsn: 19, ulFailReason: 8101, sipStatusCode: 480, failTime: '2024-01-01 10:00:08', recordFlag: 0 });
    const busy = await outcome(call(A, X, { answer: false, hangupCode: 8102 }));
    expect(busy).toMatchObject({ events: ['callin', 'callout', 'disconnect'], code: 8102 });
    expect(busy.cdr).toMatchObject({ fwdAlertingTime: '', fwdAnswerTime: '', fwdUnaswRsn: 17, ulFailReason: 8102, sipStatusCode: 486 });
  });

  test('impossible calls throw: bad caller, a number of no app, a bad hang-up code or talk time', () => {
    const [X] = t.numbers('s-axb');
    expect(() => t.emulator.simulateCall({ from: '13800138000', to: X })).toThrow(/Unknown caller/);
    expect(() => t.emulator.simulateCall({ from: A, to: '+8617999999999' })).toThrow(/No app owns the number \+86179\*\*\*\*9999/);
    expect(() => t.emulator.simulateCall({ from: A, to: X, answer: false, hangupCode: 1234 })).toThrow(/hangupCode/);
    expect(() => t.emulator.simulateCall({ from: A, to: X, talkSeconds: -1 })).toThrow(/talkSeconds/);
    expect(t.emulator.pushes.all()).toEqual([]);
  });
});
