import type { FeeBody } from '../../../src/platform/push-wire';
import { URI } from '../../../src/platform/wire';
import { A, B, C, eventRows, startSimulatorTest, statusInfos, type SimulatorTest } from './simulator-fixture';

/** push-api.md §2.3–2.5: an answered call per mode, its events in order with caller/called, then its CDR. */
describe('simulator: answered calls', () => {
  let t: SimulatorTest;

  beforeEach(async () => {
    t = await startSimulatorTest();
  });
  afterEach(() => t.stop());

  const fees = (): FeeBody[] => t.emulator.pushes.all().filter((r) => r.kind === 'fee').map((r) => r.body as FeeBody);

  test('AXB: A dials X → B; callin, callout, alerting, answer, disconnect, then the CDR', async () => {
    const [X] = t.numbers('s-axb');
    const bound = await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B, userData: 'order-1' });
    const { subscriptionId } = bound.json!;
    const { sessionId, app } = t.emulator.simulateCall({ from: A, to: X });
    expect(app).toBe('s-axb');
    expect(t.emulator.state.sessions.isActive(sessionId)).toBe(true);
    await t.emulator.pushes.settled();
    const records = t.emulator.pushes.byKey(sessionId);
    expect(eventRows(records)).toEqual([
      ['callin', A, X],
      ['callout', X, B],
      ['alerting', X, B],
      ['answer', X, B],
      ['disconnect', X, B],
    ]);
    expect(statusInfos(records)).toEqual([
      { sessionId, timestamp: '2024-01-01 10:00:00', caller: A, called: X, subscriptionId, userData: 'order-1' },
      { sessionId, timestamp: '2024-01-01 10:00:01', caller: X, called: B, subscriptionId },
      { sessionId, timestamp: '2024-01-01 10:00:03', caller: X, called: B, subscriptionId },
      { sessionId, timestamp: '2024-01-01 10:00:08', caller: X, called: B, subscriptionId },
      { sessionId, timestamp: '2024-01-01 10:00:38', caller: X, called: B, subscriptionId, stateCode: 0, stateDesc: 'The user releases the call.' },
    ]);
    expect(sessionId).toMatch(/^1200_\d+_\d+_20240101100000@callenabler01\.emulator\.invalid$/);
    expect(records.every((r) => r.delivered && r.url === `${t.receiver.url}/webhooks/s-axb`)).toBe(true);
    expect(t.receiver.received.filter((p) => p.body?.statusInfo?.sessionId === sessionId).map((p) => p.body.eventType)).toEqual(['callin', 'callout', 'alerting', 'answer', 'disconnect']);
    expect(t.emulator.state.sessions.isActive(sessionId)).toBe(false);
    expect(fees()).toEqual([{ eventType: 'fee', feeLst: [{
      direction: 1, spId: 'sp-s-axb', appKey: 's-axb-key', icid: expect.stringMatching(/^[0-9a-f]{32}\.\d{10}\.\d{9}\.5$/), bindNum: X, sessionId, subscriptionId,
      callerNum: A, calleeNum: X, fwdDisplayNum: X, fwdDstNum: B,
      callInTime: '2024-01-01 10:00:00', fwdStartTime: '2024-01-01 10:00:01', fwdAlertingTime: '2024-01-01 10:00:03', fwdAnswerTime: '2024-01-01 10:00:08', callEndTime: '2024-01-01 10:00:38',
      fwdUnaswRsn: 0, ulFailReason: 0, sipStatusCode: 0, recordFlag: 0, ttsPlayTimes: 0, ttsTransDuration: 0, serviceType: '003',
      hostName: 'callenabler01.emulator.invalid', userData: 'order-1',
    }] }]);
  });

  test('AXB: B dials X → A, direction 0', async () => {
    const [X] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B });
    const { sessionId } = t.emulator.simulateCall({ from: B, to: X, talkSeconds: 5 });
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(sessionId))).toEqual([['callin', B, X], ['callout', X, A], ['alerting', X, A], ['answer', X, A], ['disconnect', X, A]]);
    expect(fees()[0].feeLst[0]).toMatchObject({ direction: 0, callerNum: B, fwdDstNum: A, fwdAnswerTime: '2024-01-01 10:00:08', callEndTime: '2024-01-01 10:00:13' });
  });

  test('AX: someone dials X → A; A dials X → the temporary callee', async () => {
    const [X] = t.numbers('s-ax');
    await t.client('s-ax').post(URI.ax, { origNum: A, privateNum: X, userData: 'driver-7' });
    const inbound = t.emulator.simulateCall({ from: C, to: X });
    await t.client('s-ax').put(URI.axTemporaryCallee, { origNum: A, privateNum: X, calleeNum: B });
    const outbound = t.emulator.simulateCall({ from: A, to: X });
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(inbound.sessionId))).toEqual([['callin', C, X], ['callout', X, A], ['alerting', X, A], ['answer', X, A], ['disconnect', X, A]]);
    expect(eventRows(t.emulator.pushes.byKey(outbound.sessionId))).toEqual([['callin', A, X], ['callout', X, B], ['alerting', X, B], ['answer', X, B], ['disconnect', X, B]]);
    const cdrs = fees().flatMap((f) => f.feeLst);
    expect(cdrs.find((c) => c.sessionId === inbound.sessionId)).toMatchObject({ direction: 0, callerNum: C, fwdDstNum: A, userData: 'driver-7' });
    expect(cdrs.find((c) => c.sessionId === outbound.sessionId)).toMatchObject({ direction: 1, callerNum: A, fwdDstNum: B });
  });

  test('AXE: B dials X and keys the extension → collectInfo, then A', async () => {
    const [X] = t.numbers('s-axe');
    const bound = await t.client('s-axe').post(URI.axe, { bindNum: A, virtualNum: X, extendNum: '123', userData: 'shop-7' });
    const { subscriptionId } = bound.json!;
    const { sessionId } = t.emulator.simulateCall({ from: B, to: X, extension: '123' });
    await t.emulator.pushes.settled();
    const infos = statusInfos(t.emulator.pushes.byKey(sessionId));
    expect(t.emulator.pushes.byKey(sessionId).filter((r) => r.kind === 'callStatus').map((r) => (r.body as { eventType: string }).eventType))
      .toEqual(['callin', 'collectInfo', 'callout', 'alerting', 'answer', 'disconnect']);
    expect(infos[0]).toEqual({ sessionId, timestamp: '2024-01-01 10:00:00', caller: B, called: X });
    expect(infos[1]).toEqual({ sessionId, timestamp: '2024-01-01 10:00:03', digitInfo: '123', subscriptionId, userData: 'shop-7' });
    expect(infos.slice(2).map((i) => [i.caller, i.called, i.subscriptionId])).toEqual(Array(4).fill([X, A, subscriptionId]));
    expect(fees()[0].feeLst[0]).toMatchObject({ direction: 0, callerNum: B, calleeNum: X, fwdDstNum: A, extendNum: '123', subscriptionId });
  });

  test('AXYB: B dials X with no YB half → a Y is allocated and shown to A; A dials Y → B, shown X', async () => {
    const [X] = t.numbers('s-axyb');
    const c = t.client('s-axyb');
    const bound = await c.post(URI.axyb, { origNum: A, ybDuration: 600 }, { app_key: 's-axyb-key' });
    expect(bound.json?.relationNumber).toBe(X);
    const { subscriptionId } = bound.json!;
    const first = t.emulator.simulateCall({ from: B, to: X });
    const relation = t.emulator.state.app('s-axyb')!.axyb.get(subscriptionId)!;
    expect(relation.yb).toEqual([expect.objectContaining({ numB: B, ybDuration: 600 })]);
    const Y = relation.yb[0].numY;
    expect(Y).not.toBe(X);
    const back = t.emulator.simulateCall({ from: A, to: Y });
    await t.emulator.pushes.settled();
    expect(eventRows(t.emulator.pushes.byKey(first.sessionId))).toEqual([['callin', B, X], ['callout', Y, A], ['alerting', Y, A], ['answer', Y, A], ['disconnect', Y, A]]);
    expect(eventRows(t.emulator.pushes.byKey(back.sessionId))).toEqual([['callin', A, Y], ['callout', X, B], ['alerting', X, B], ['answer', X, B], ['disconnect', X, B]]);
    const query = await c.get(URI.axyb, { app_key: 's-axyb-key', subscriptionId });
    expect(query.json?.xyRelationNumList).toEqual([expect.objectContaining({ numA: A, numX: X, numY: Y, numB: B })]);
    const cdrs = fees().flatMap((f) => f.feeLst);
    expect(cdrs.find((r) => r.sessionId === back.sessionId)).toMatchObject({ direction: 1, bindNum: Y, callerNum: A, calleeNum: Y, fwdDisplayNum: X, fwdDstNum: B });
    t.clock.advanceSeconds(0.6);
    expect(t.emulator.state.app('s-axyb')!.axyb.get(subscriptionId)!.yb).toEqual([]);
    const again = t.emulator.simulateCall({ from: A, to: Y });
    await t.emulator.pushes.settled();
    expect(statusInfos(t.emulator.pushes.byKey(again.sessionId)).map((i) => [i.caller, i.called, i.stateCode])).toEqual([[A, Y, undefined], [A, Y, 8030]]);
  });
});
