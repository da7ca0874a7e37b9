import type { CallEventBody, FeeBody } from '../../../src/platform/push-wire';
import { URI } from '../../../src/platform/wire';
import { send } from '../../helpers/emulator-http';
import { A, B, C, D, eventRows, startSimulatorTest, statusInfos, type SimulatorTest } from './simulator-fixture';

/** callStop on a simulated call, AXE callback records, recordings and CDR batching (push-api.md §3). */
describe('simulator: sessions, callbacks, recordings, CDR batches', () => {
  let t: SimulatorTest;

  beforeEach(async () => {
    t = await startSimulatorTest();
  });
  afterEach(() => t.stop());

  const fees = (): FeeBody[] => t.emulator.pushes.all().filter((r) => r.kind === 'fee').map((r) => r.body as FeeBody);
  const stop = (app: string, sessionid: string) => t.client(app).post(URI.callStop, { sessionid, signal: 'call_stop' });

  test('callStop during the talk ends the call at once with a disconnect; a second callStop is 1020152', async () => {
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const { sessionId } = t.emulator.simulateCall({ from: A, to: X, talkSeconds: 3600 });
    await t.emulator.pushes.waitFor((r) => r.key === sessionId && (r.body as CallEventBody).eventType === 'answer' && r.delivered);
    expect((await stop('s-axb', sessionId)).json?.resultcode).toBe('0');
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(sessionId)).map((r) => r[0])).toEqual(['callin', 'callout', 'alerting', 'answer', 'disconnect']);
    const disconnect = statusInfos(t.emulator.pushes.byKey(sessionId)).at(-1)!;
    expect(disconnect).toMatchObject({ stateCode: 0, caller: X, called: B });
    expect(disconnect.timestamp! < '2024-01-01 11:00:08').toBe(true);
    expect(fees()[0].feeLst[0]).toMatchObject({ sessionId, fwdAnswerTime: '2024-01-01 10:00:08', callEndTime: disconnect.timestamp, ulFailReason: 0 });
    expect((await stop('s-axb', sessionId)).json?.resultcode).toBe('1020152');
  });

  test('callStop while ringing: disconnect 7502 on the forwarded leg, no answer', async () => {
    await t.stop();
    t = await startSimulatorTest({ simulator: { timings: { ringSeconds: 3600 } } });
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const { sessionId } = t.emulator.simulateCall({ from: A, to: X });
    await t.emulator.pushes.waitFor((r) => r.key === sessionId && (r.body as CallEventBody).eventType === 'alerting' && r.delivered);
    expect((await stop('s-axb', sessionId)).json?.resultcode).toBe('0');
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(sessionId))).toEqual([['callin', A, X], ['callout', X, B], ['alerting', X, B], ['disconnect', X, B]]);
    expect(statusInfos(t.emulator.pushes.byKey(sessionId)).at(-1)).toMatchObject({ stateCode: 7502 });
    expect(fees()[0].feeLst[0]).toMatchObject({ fwdAnswerTime: '', ulFailReason: 7502, fwdUnaswRsn: 16 });
  });

  test('a finished call is no longer a session: callStop answers 1020152', async () => {
    const [X] = t.numbers('s-axb');
    const { sessionId } = t.emulator.simulateCall({ from: C, to: X });
    await t.emulator.pushes.settled();
    expect((await stop('s-axb', sessionId)).json?.resultcode).toBe('1020152');
  });

  test('AXE callback: after B reached A, A dialling X reaches B; without a record, callbackNum', async () => {
    const [X] = t.numbers('s-axe');
    await t.client('s-axe').post(URI.axe, { bindNum: A, virtualNum: X, extendNum: '007', callbackNum: D, timeUnit: '1', callbackExpiredTime: 10 });
    const toFallback = t.emulator.simulateCall({ from: A, to: X }).sessionId;
    await t.emulator.pushes.settled();
    t.emulator.simulateCall({ from: B, to: X, extension: '007' });
    await t.emulator.pushes.settled();
    const callback = t.emulator.simulateCall({ from: A, to: X }).sessionId;
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(toFallback))).toEqual([['callin', A, X], ['callout', X, D], ['alerting', X, D], ['answer', X, D], ['disconnect', X, D]]);
    expect(eventRows(t.emulator.pushes.byKey(callback))).toEqual([['callin', A, X], ['callout', X, B], ['alerting', X, B], ['answer', X, B], ['disconnect', X, B]]);
    expect(fees().flatMap((f) => f.feeLst).find((f) => f.sessionId === callback)).toMatchObject({ direction: 1, callerNum: A, fwdDstNum: B, extendNum: '007' });
    t.clock.advanceSeconds(0.6);
    const expired = t.emulator.simulateCall({ from: A, to: X }).sessionId;
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(expired))[1]).toEqual(['callout', X, D]);
  });

  test('a recording binding: CDR recording fields, and the REST recording URL serves the file', async () => {
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B, recordFlag: true, recordHintTone: 'notice.wav' });
    t.emulator.simulateCall({ from: A, to: X });
    await t.emulator.pushes.settled();
    const cdr = fees()[0].feeLst[0];
    expect(cdr).toMatchObject({
      recordFlag: 1,
      recordStartTime: '2024-01-01 10:00:08',
      recordObjectName: expect.stringMatching(/^20240101100000_\d+_[0-9a-f]{8}\.wav$/),
      recordDomain: 'record.emulator.invalid',
      recordBucketName: 'emulator-recordings',
    });
    const url = await t.client('s-axb').get(URI.recording, { fileName: cdr.recordObjectName!, recordDomain: cdr.recordDomain! });
    expect(url.status).toBe(301);
    const location = new URL(url.headers.location!);
    const file = await send(t.emulator.baseUrl, { method: 'GET', path: location.pathname + location.search });
    expect(file.status).toBe(200);
    expect(file.text.slice(0, 4)).toBe('RIFF');
  });

  test('calls ending together share one fee push, sent after their disconnects', async () => {
    await t.stop();
    t = await startSimulatorTest({ simulator: { cdrBatchWindowMs: 500 } });
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const ids = [t.emulator.simulateCall({ from: A, to: X }).sessionId, t.emulator.simulateCall({ from: B, to: X }).sessionId];
    await t.emulator.pushes.settled();
    expect(fees()).toHaveLength(1);
    expect(fees()[0].feeLst.map((f) => f.sessionId).sort()).toEqual([...ids].sort());
    const disconnects = t.receiver.received.filter((p) => p.body?.eventType === 'disconnect');
    const fee = t.receiver.received.find((p) => p.body?.eventType === 'fee')!;
    expect(disconnects.every((d) => d.at <= fee.at)).toBe(true);
  });

  test('cdrBatchMax splits a batch', async () => {
    await t.stop();
    t = await startSimulatorTest({ simulator: { cdrBatchMax: 2 } });
    const [X] = t.numbers('s-axb');
    for (const from of [A, B, C]) t.emulator.simulateCall({ from, to: X });
    await t.emulator.pushes.settled();
    expect(fees().map((f) => f.feeLst.length).sort()).toEqual([1, 2]);
  });
});
