import { URI } from '../../../src/platform/wire';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §5: AXB bind, query, modify, unbind; capacities, allocation, expiry. */
describe('emulator AXB', () => {
  let t: TestEmulator;
  let X: string[];
  const n = (i: number): string => `+86138000${String(i).padStart(5, '0')}`;

  beforeEach(async () => {
    t = await startTestEmulator({ limits: { axbPairsPerNumber: 3 }, auth: { lockoutThreshold: 0 } });
    X = t.numbers('t-axb');
  });
  afterEach(() => t.emulator.stop());

  const bind = (body: Record<string, unknown>) => t.client('t-axb').post(URI.axb, body);
  const query = (q: Record<string, string | number>) => t.client('t-axb').get(URI.axb, q);

  test('bind, query by subscriptionId with every stored field, modify, unbind', async () => {
    const bound = await bind({
      relationNum: X[0], callerNum: n(1), calleeNum: n(2), callDirection: 1, duration: 86400, recordFlag: true,
      recordHintTone: 'record_notice.wav', maxDuration: 60, lastMinVoice: 'last_minute.wav', privateSms: 'true',
      preVoice: { callerHintTone: 'wait_a.wav', calleeHintTone: 'wait_b.wav' }, userData: 'order-0001',
    });
    expect(bound.status).toBe(200);
    expect(bound.json).toEqual({ resultcode: '0', resultdesc: 'Success', relationNum: X[0], subscriptionId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const { subscriptionId } = bound.json!;

    const one = await query({ subscriptionId });
    expect(one.json).toEqual({
      resultcode: '0', resultdesc: 'Success', totalCount: 1,
      relationNumList: [{
        subscriptionId, relationNum: X[0], callerNum: n(1), calleeNum: n(2), callDirection: 1, duration: 86400, recordFlag: true,
        recordHintTone: 'record_notice.wav', maxDuration: 60, lastMinVoice: 'last_minute.wav', privateSms: 'true',
        preVoice: { callerHintTone: 'wait_a.wav', calleeHintTone: 'wait_b.wav' }, userData: 'order-0001',
        subscribeTime: '2024-01-01 10:00:00',
      }],
    });

    t.clock.advanceSeconds(60);
    expect((await t.client('t-axb').put(URI.axb, { subscriptionId, calleeNum: n(3), maxDuration: 0, recordFlag: 'false' })).json).toEqual({ resultcode: '0', resultdesc: 'Success' });
    expect((await query({ subscriptionId })).json?.relationNumList[0]).toMatchObject({
      calleeNum: n(3), maxDuration: 0, recordFlag: false, callDirection: 1, userData: 'order-0001', subscribeTime: '2024-01-01 10:01:00',
    });

    expect((await t.client('t-axb').delete(URI.axb, { subscriptionId })).json?.resultcode).toBe('0');
    expect((await query({ subscriptionId })).json).toEqual({ resultcode: '1012007', resultdesc: 'The record does not exist.' });
    expect((await t.client('t-axb').delete(URI.axb, { subscriptionId })).json?.resultcode).toBe('1016001');
    expect((await t.client('t-axb').put(URI.axb, { subscriptionId, calleeNum: n(4) })).json?.resultcode).toBe('1016001');
  });

  test('query by relationNum with callerNum / calleeNum picks the single binding', async () => {
    await bind({ relationNum: X[0], callerNum: n(1), calleeNum: n(2) });
    await bind({ relationNum: X[0], callerNum: n(3), calleeNum: n(4) });
    expect((await query({ relationNum: X[0] })).json?.totalCount).toBe(2);
    const byCaller = await query({ relationNum: X[0], callerNum: n(3) });
    expect(byCaller.json?.relationNumList.map((b: { calleeNum: string }) => b.calleeNum)).toEqual([n(4)]);
    const byBoth = await query({ relationNum: X[0], callerNum: n(1), calleeNum: n(2) });
    expect(byBoth.json?.totalCount).toBe(1);
    expect((await query({ relationNum: X[0], callerNum: n(1), calleeNum: n(4) })).json?.resultcode).toBe('1012007');
  });

  test('no number twice on one X (1016002); another X is fine; modify obeys the same rule', async () => {
    const first = await bind({ relationNum: X[0], callerNum: n(1), calleeNum: n(2) });
    expect((await bind({ relationNum: X[0], callerNum: n(2), calleeNum: n(3) })).json).toEqual({ resultcode: '1016002', resultdesc: 'The record already exists.' });
    expect((await bind({ relationNum: X[0], callerNum: n(3), calleeNum: n(1) })).json?.resultcode).toBe('1016002');
    expect((await bind({ relationNum: X[1], callerNum: n(2), calleeNum: n(3) })).json?.resultcode).toBe('0');
    await bind({ relationNum: X[0], callerNum: n(5), calleeNum: n(6) });
    const clash = await t.client('t-axb').put(URI.axb, { subscriptionId: first.json?.subscriptionId, calleeNum: n(6) });
    expect(clash.json?.resultcode).toBe('1016002');
  });

  // The bind page's only rule on the numbers (privatenumber_02_0002, 使用限制): "1个X号码允许绑定5000对用户号码，
  // 但用户号码不可重复。例如，允许同时绑定AXB和CXD，但不允许同时绑定AXB和BXC。" (one X carries 5000 pairs whose
  // numbers do not repeat). It says nothing of A and B being the same number, so neither bind nor modify refuses it.
  test('A and B may be the same number: bind and modify accept it; the number still may not repeat on that X', async () => {
    const same = await bind({ relationNum: X[0], callerNum: n(7), calleeNum: n(7) });
    expect(same.json).toEqual({ resultcode: '0', resultdesc: 'Success', relationNum: X[0], subscriptionId: expect.any(String) });
    expect((await query({ subscriptionId: same.json!.subscriptionId })).json?.relationNumList[0]).toMatchObject({ callerNum: n(7), calleeNum: n(7) });
    expect((await bind({ relationNum: X[0], callerNum: n(7), calleeNum: n(8) })).json?.resultcode).toBe('1016002');

    const other = await bind({ relationNum: X[0], callerNum: n(8), calleeNum: n(9) });
    expect((await t.client('t-axb').put(URI.axb, { subscriptionId: other.json?.subscriptionId, calleeNum: n(8) })).json).toEqual({ resultcode: '0', resultdesc: 'Success' });
    expect((await query({ subscriptionId: other.json!.subscriptionId })).json?.relationNumList[0]).toMatchObject({ callerNum: n(8), calleeNum: n(8) });
  });

  test('capacity per X (configured 3): the explicit X is refused with 1012008, area allocation moves on', async () => {
    for (let i = 0; i < 3; i += 1) expect((await bind({ relationNum: X[0], callerNum: n(10 + i), calleeNum: n(20 + i) })).json?.resultcode).toBe('0');
    expect((await bind({ relationNum: X[0], callerNum: n(30), calleeNum: n(31) })).json).toEqual({ resultcode: '1012008', resultdesc: 'Insufficient number of resources' });
    expect((await bind({ areaCode: '0755', callerNum: n(30), calleeNum: n(31) })).json?.relationNum).toBe(X[1]);
  });

  test('explicit X wins over areaCode; an X of another app is 1012001; an abnormal X is 1012102', async () => {
    expect((await bind({ relationNum: X[3], areaCode: '0755', callerNum: n(1), calleeNum: n(2) })).json?.relationNum).toBe(X[3]);
    const foreign = t.numbers('t-ax')[0];
    expect((await bind({ relationNum: foreign, callerNum: n(1), calleeNum: n(2) })).json).toEqual({ resultcode: '1012001', resultdesc: 'Resource of number is not to be applied.' });
    t.emulator.setNumberAbnormal(X[2], true);
    expect((await bind({ relationNum: X[2], callerNum: n(1), calleeNum: n(2) })).json).toEqual({ resultcode: '1012102', resultdesc: 'The number status is abnormal.' });
    t.emulator.setNumberAbnormal(X[2], false);
    expect((await bind({ relationNum: X[2], callerNum: n(1), calleeNum: n(2) })).json?.resultcode).toBe('0');
  });

  test('strict allocation stays in the city (1012008 when it is full); non-strict tries the province, then any', async () => {
    const pair = (i: number) => ({ callerNum: n(1), calleeNum: n(100 + i) });
    // n(1) may appear once per X: each bind below needs a fresh X.
    expect((await bind({ areaCode: '020', ...pair(1) })).json?.relationNum).toBe(X[2]);
    expect((await bind({ areaCode: '020', ...pair(2) })).json?.resultcode).toBe('1012008');
    expect((await bind({ areaCode: '020', areaMatchMode: '0', ...pair(2) })).json?.resultcode).toBe('1012008');
    expect((await bind({ areaCode: '020', areaMatchMode: '1', ...pair(2) })).json?.relationNum).toBe(X[0]);
    expect((await bind({ areaCode: '020', areaMatchMode: '1', ...pair(3) })).json?.relationNum).toBe(X[1]);
    expect((await bind({ areaCode: '020', areaMatchMode: '1', ...pair(4) })).json?.relationNum).toBe(X[3]);
    expect((await bind({ areaCode: '020', areaMatchMode: '1', ...pair(5) })).json?.resultcode).toBe('1012008');
    expect((await bind({ areaCode: '0571', ...pair(6) })).json?.resultcode).toBe('1012008');
  });

  test('unbind by relationNum removes every binding on that X; an X of another app is 1012001', async () => {
    await bind({ relationNum: X[0], callerNum: n(1), calleeNum: n(2) });
    await bind({ relationNum: X[0], callerNum: n(3), calleeNum: n(4) });
    const other = await bind({ relationNum: X[1], callerNum: n(1), calleeNum: n(2) });
    expect((await t.client('t-axb').delete(URI.axb, { relationNum: X[0] })).json?.resultcode).toBe('0');
    expect((await query({ relationNum: X[0] })).json?.resultcode).toBe('1012007');
    expect((await query({ subscriptionId: other.json?.subscriptionId })).json?.resultcode).toBe('0');
    expect((await t.client('t-axb').delete(URI.axb, { relationNum: t.numbers('t-ax')[0] })).json?.resultcode).toBe('1012001');
    expect((await t.client('t-axb').delete(URI.axb, {})).json?.resultcode).toBe('1010002');
  });

  test('unbind parameters in a JSON body are accepted too', async () => {
    const bound = await bind({ relationNum: X[0], callerNum: n(1), calleeNum: n(2) });
    const res = await t.client('t-axb').send({ method: 'DELETE', path: URI.axb, body: { subscriptionId: bound.json?.subscriptionId } });
    expect(res.json?.resultcode).toBe('0');
  });

  test('duration expires the binding as if unbound; a modify restarts it', async () => {
    const a = await bind({ relationNum: X[0], callerNum: n(1), calleeNum: n(2), duration: 100 });
    const b = await bind({ relationNum: X[0], callerNum: n(3), calleeNum: n(4), duration: 100 });
    const forever = await bind({ relationNum: X[0], callerNum: n(5), calleeNum: n(6) });
    t.clock.advanceSeconds(60);
    await t.client('t-axb').put(URI.axb, { subscriptionId: b.json?.subscriptionId, duration: 100 });
    t.clock.advanceSeconds(40);
    expect((await query({ subscriptionId: a.json?.subscriptionId })).json?.resultcode).toBe('1012007');
    expect((await query({ subscriptionId: b.json?.subscriptionId })).json?.resultcode).toBe('0');
    expect((await bind({ relationNum: X[0], callerNum: n(1), calleeNum: n(7) })).json?.resultcode).toBe('0');
    t.clock.advanceSeconds(60);
    expect((await query({ subscriptionId: b.json?.subscriptionId })).json?.resultcode).toBe('1012007');
    expect((await query({ subscriptionId: forever.json?.subscriptionId })).json?.resultcode).toBe('0');
  });

  test('timeScale shortens lifetimes: 3600 s at 0.001 lasts 3.6 s of clock', async () => {
    const fast = await startTestEmulator({ seed: { ...t.seed, timeScale: 0.001 } });
    try {
      const c = fast.client('t-axb');
      const bound = await c.post(URI.axb, { relationNum: X[0], callerNum: n(1), calleeNum: n(2), duration: 3600 });
      fast.clock.advanceSeconds(3.5);
      expect((await c.get(URI.axb, { subscriptionId: bound.json?.subscriptionId })).json?.resultcode).toBe('0');
      fast.clock.advanceSeconds(0.1);
      expect((await c.get(URI.axb, { subscriptionId: bound.json?.subscriptionId })).json?.resultcode).toBe('1012007');
    } finally {
      await fast.emulator.stop();
    }
  });
});

describe('emulator AXB paging', () => {
  test('pageIndex is 1-based; pageSize 10–100, 50 when absent or out of range', async () => {
    const t = await startTestEmulator({ auth: { lockoutThreshold: 0 } });
    try {
      const x = t.numbers('t-axb')[0];
      for (let i = 0; i < 120; i += 1) {
        const res = await t.client('t-axb').post(URI.axb, { relationNum: x, callerNum: `+86139${String(i).padStart(8, '0')}`, calleeNum: `+86137${String(i).padStart(8, '0')}` });
        expect(res.json?.resultcode).toBe('0');
      }
      const page = async (q: Record<string, string | number>) => (await t.client('t-axb').get(URI.axb, { relationNum: x, ...q })).json!;
      const callers = (p: Record<string, any>) => (p.relationNumList as { callerNum: string }[]).map((b) => b.callerNum);
      expect((await page({})).relationNumList).toHaveLength(50);
      expect((await page({})).totalCount).toBe(120);
      expect((await page({ pageSize: 5 })).relationNumList).toHaveLength(50);
      expect((await page({ pageSize: 101 })).relationNumList).toHaveLength(50);
      expect((await page({ pageSize: 'ten' })).relationNumList).toHaveLength(50);
      expect((await page({ pageSize: 100 })).relationNumList).toHaveLength(100);
      const second = await page({ pageIndex: 2, pageSize: 10 });
      expect(callers(second)).toEqual(Array.from({ length: 10 }, (_, i) => `+86139${String(10 + i).padStart(8, '0')}`));
      expect((await page({ pageIndex: 3, pageSize: 50 })).relationNumList).toHaveLength(20);
      expect((await page({ pageIndex: 4, pageSize: 50 })).relationNumList).toHaveLength(0);
      expect((await t.client('t-axb').get(URI.axb, { relationNum: x, pageIndex: 0 })).json?.resultcode).toBe('1010002');
    } finally {
      await t.emulator.stop();
    }
  });
});
