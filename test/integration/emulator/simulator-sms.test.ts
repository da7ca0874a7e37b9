import type { SmsBody } from '../../../src/platform/push-wire';
import { URI } from '../../../src/platform/wire';
import { A, B, C, startSimulatorTest, type SimulatorTest } from './simulator-fixture';

/** push-api.md §4: SMS per mode, Notify after forwarding, AX Block decisions by the response body. */
describe('simulator: SMS', () => {
  let t: SimulatorTest;

  beforeEach(async () => {
    t = await startSimulatorTest({ simulator: { smsBlockDeadlineMs: 150 } });
  });
  afterEach(() => t.stop());

  const smsPushes = (id: string) => t.emulator.pushes.byKey(id).map((r) => ({ kind: r.kind, url: r.url, event: (r.body as SmsBody).smsEvent }));

  test('AXB: A texts X → B; Notify with called and sendResult 0; B texts X → A', async () => {
    const [X] = t.numbers('s-axb');
    const { subscriptionId } = (await t.client('s-axb').post(URI.axb, { relationNum: X, callerNum: A, calleeNum: B, userData: 'order-1' })).json!;
    const { smsIdentifier, app } = t.emulator.simulateSms({ from: A, to: X, content: 'On my way' });
    expect(app).toBe('s-axb');
    expect(smsIdentifier).toMatch(/^sms-20240101100000-\d{6}-[0-9a-f]{8}$/);
    const back = t.emulator.simulateSms({ from: B, to: X, content: 'OK' });
    await t.emulator.pushes.settled();
    expect(t.emulator.pushes.byKey(smsIdentifier).map((r) => r.body)).toEqual([{
      appKey: 's-axb-key',
      smsEvent: {
        smsIdentifier, notificationMode: 'Notify', calling: A, called: B, virtualNumber: X, event: 'TextSMS', timeStamp: '2024-01-01T10:00:00.000Z',
        subscriptionId, smsContent: 'On my way', extInfo: { extParas: [{ key: 'splitNum', value: '0' }, { key: 'direction', value: '1' }] }, sendResult: 0, userData: 'order-1',
      },
    }]);
    expect(smsPushes(back.smsIdentifier)).toEqual([expect.objectContaining({ kind: 'smsNotify', url: `${t.receiver.url}/webhooks/s-axb`, event: expect.objectContaining({ calling: B, called: A, sendResult: 0 }) })]);
    expect(t.emulator.smsDeliveries.map((d) => [d.from, d.to, d.content])).toEqual([[X, B, 'On my way'], [X, A, 'OK']]);
  });

  test('AXB: a stranger gets sendResult 2; a binding without SMS 11; an abnormal X 3; nothing is delivered', async () => {
    const [X1, X2] = t.numbers('s-axb');
    await t.client('s-axb').post(URI.axb, { relationNum: X1, callerNum: A, calleeNum: B, privateSms: 'false' });
    await t.client('s-axb').post(URI.axb, { relationNum: X2, callerNum: A, calleeNum: B });
    const stranger = t.emulator.simulateSms({ from: C, to: X1, content: 'hello' }).smsIdentifier;
    const noSms = t.emulator.simulateSms({ from: A, to: X1, content: 'hello' }).smsIdentifier;
    t.emulator.setNumberAbnormal(X2, true);
    const abnormal = t.emulator.simulateSms({ from: A, to: X2, content: 'hello' }).smsIdentifier;
    await t.emulator.pushes.settled();
    const first = (id: string) => smsPushes(id)[0].event;
    expect(first(stranger)).toMatchObject({ notificationMode: 'Notify', calling: C, sendResult: 2 });
    expect(first(stranger)).not.toHaveProperty('called');
    expect(first(stranger)).not.toHaveProperty('subscriptionId');
    expect(first(noSms)).toMatchObject({ sendResult: 11, subscriptionId: expect.any(String) });
    expect(first(abnormal).sendResult).toBe(3);
    expect(t.emulator.smsDeliveries).toEqual([]);
  });

  test('AX: A texts X with an @B suffix → B without the suffix; someone else texts X → A with [From…]', async () => {
    const [X] = t.numbers('s-ax');
    await t.client('s-ax').post(URI.ax, { origNum: A, privateNum: X });
    const out = t.emulator.simulateSms({ from: A, to: X, content: 'Arriving in 5 minutes@13900139000' }).smsIdentifier;
    const fixed = t.emulator.simulateSms({ from: A, to: X, content: 'Call me@075528000001' }).smsIdentifier;
    const inbound = t.emulator.simulateSms({ from: C, to: X, content: 'Where are you?' }).smsIdentifier;
    await t.emulator.pushes.settled();
    expect(smsPushes(out)).toEqual([{ kind: 'smsNotify', url: expect.any(String), event: expect.objectContaining({ calling: A, called: B, sendResult: 0, smsContent: 'Arriving in 5 minutes@13900139000' }) }]);
    expect(smsPushes(fixed)[0].event).toMatchObject({ called: '+8675528000001', sendResult: 0 });
    expect(smsPushes(inbound)[0].event).toMatchObject({ calling: C, called: A, sendResult: 0 });
    expect(t.emulator.smsDeliveries.map((d) => [d.to, d.content])).toEqual([
      [B, 'Arriving in 5 minutes'],
      ['+8675528000001', 'Call me'],
      [A, 'Where are you?[From13700137000]'],
    ]);
  });

  describe('AX Block: A texts X without a valid @B suffix', () => {
    let X: string;
    beforeEach(async () => {
      X = t.numbers('s-ax')[0];
      await t.client('s-ax').post(URI.ax, { origNum: A, privateNum: X });
    });

    const blockAnswer = (body: unknown) => {
      t.receiver.answer = (p) => (p.path.startsWith('/block/') ? { status: 200, body: JSON.stringify(body) } : { status: 200 });
    };

    test('vNumberRoute (array form): forwarded to message.called, then Notify sendResult 0', async () => {
      blockAnswer({ actions: [{ operation: 'vNumberRoute', message: { called: B, calling: A } }] });
      const id = t.emulator.simulateSms({ from: A, to: X, content: 'Arriving in 5 minutes' }).smsIdentifier;
      await t.emulator.pushes.settled();
      const [block, notify] = smsPushes(id);
      expect(block).toMatchObject({ kind: 'smsBlock', url: `${t.receiver.url}/block/s-ax` });
      expect(block.event).toMatchObject({ notificationMode: 'Block', calling: A, virtualNumber: X, smsContent: 'Arriving in 5 minutes' });
      expect(block.event).not.toHaveProperty('called');
      expect(block.event).not.toHaveProperty('sendResult');
      expect(notify).toMatchObject({ kind: 'smsNotify', event: { notificationMode: 'Notify', calling: A, called: B, sendResult: 0 } });
      expect(t.emulator.smsDeliveries.map((d) => [d.to, d.content])).toEqual([[B, 'Arriving in 5 minutes']]);
    });

    test('vNumberRoute as a single object is accepted too', async () => {
      blockAnswer({ actions: { operation: 'vNumberRoute', message: { called: B, calling: A } } });
      const id = t.emulator.simulateSms({ from: A, to: X, content: 'bad suffix #13900139000' }).smsIdentifier;
      await t.emulator.pushes.settled();
      expect(smsPushes(id).map((p) => [p.kind, p.event.sendResult])).toEqual([['smsBlock', undefined], ['smsNotify', 0]]);
    });

    test('DiscardMessage: dropped, no Notify', async () => {
      blockAnswer({ actions: [{ operation: 'DiscardMessage' }] });
      const id = t.emulator.simulateSms({ from: A, to: X, content: 'no suffix' }).smsIdentifier;
      await t.emulator.pushes.settled();
      expect(smsPushes(id).map((p) => p.kind)).toEqual(['smsBlock']);
      expect(t.emulator.smsDeliveries).toEqual([]);
    });

    test('no answer within the deadline: one attempt only, then Notify sendResult 7', async () => {
      t.receiver.answer = (p) => (p.path.startsWith('/block/') ? 'hang' : { status: 200 });
      const id = t.emulator.simulateSms({ from: A, to: X, content: 'no suffix' }).smsIdentifier;
      await t.emulator.pushes.settled();
      const records = t.emulator.pushes.byKey(id);
      expect(records.map((r) => [r.kind, r.state])).toEqual([['smsBlock', 'gaveUp'], ['smsNotify', 'delivered']]);
      expect(records[0].attempts).toEqual([expect.objectContaining({ error: 'no answer within 150 ms' })]);
      expect((records[1].body as SmsBody).smsEvent).toMatchObject({ sendResult: 7 });
      expect((records[1].body as SmsBody).smsEvent).not.toHaveProperty('called');
    });

    test('an unusable answer counts as none: sendResult 7', async () => {
      blockAnswer({ actions: [{ operation: 'vNumberRoute', message: { called: '13900139000' } }] });
      const id = t.emulator.simulateSms({ from: A, to: X, content: 'no suffix' }).smsIdentifier;
      await t.emulator.pushes.settled();
      expect(smsPushes(id).map((p) => [p.kind, p.event.sendResult])).toEqual([['smsBlock', undefined], ['smsNotify', 7]]);
    });
  });

  test('AXE and AXYB apps have no SMS; unknown numbers throw', () => {
    expect(() => t.emulator.simulateSms({ from: A, to: t.numbers('s-axe')[0], content: 'hi' })).toThrow(/AXE mode have no SMS/);
    expect(() => t.emulator.simulateSms({ from: A, to: t.numbers('s-axyb')[0], content: 'hi' })).toThrow(/AXYB mode have no SMS/);
    expect(() => t.emulator.simulateSms({ from: A, to: '+8617999999999', content: 'hi' })).toThrow(/No app owns/);
  });
});
