import { URI } from '../../../src/platform/wire';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §8: AXYB two-step bind, Y sharing and limits, query, unbind, lifetimes. */
describe('emulator AXYB', () => {
  let t: TestEmulator;
  let X: string[];
  const n = (i: number): string => `+86138000${String(i).padStart(5, '0')}`;
  const appKey = { app_key: 't-axyb-key' };

  beforeEach(async () => {
    t = await startTestEmulator({ limits: { axybRelationsPerY: 2, numbersPerUser: 2 }, auth: { lockoutThreshold: 0 } });
    X = t.numbers('t-axyb');
  });
  afterEach(() => t.emulator.stop());

  const c = () => t.client('t-axyb');
  const bind = (body: Record<string, unknown>) => c().post(URI.axyb, body, appKey);
  const query = (q: Record<string, string>) => c().get(URI.axyb, { ...appKey, ...q });

  test('step 1 allocates X, step 2 a different Y; query lists the relation; unbind removes it', async () => {
    const ax = await bind({ origNum: n(1), areaCode: '0755', duration: 7200, ybDuration: 3600, recordFlag: true, preVoiceX: 'x.wav', userData: 'trip-1' });
    expect(ax.json).toEqual({ resultcode: '0', resultdesc: 'Success', subscriptionId: expect.any(String), relationNumber: X[0] });
    const { subscriptionId } = ax.json!;
    expect((await query({ subscriptionId })).json?.xyRelationNumList).toEqual([{
      bindId: subscriptionId, numA: n(1), numX: X[0], recordFlag: 'true', subscribeTime: '2024-01-01 10:00:00', callDirection: 0,
      duration: '7200', ybDuration: '3600', preVoiceX: 'x.wav', userData: 'trip-1',
    }]);
    t.clock.advanceSeconds(5);
    const yb = await bind({ origNum: n(2), subscriptionId });
    expect(yb.json).toEqual({ resultcode: '0', resultdesc: 'Success', subscriptionId, relationNumber: X[1] });
    expect((await query({ relationNum: X[0] })).json?.xyRelationNumList).toEqual([
      expect.objectContaining({ bindId: subscriptionId, numA: n(1), numX: X[0], numY: X[1], numB: n(2), ybDuration: '3600', subscribeTime: '2024-01-01 10:00:05' }),
    ]);
    expect((await c().delete(URI.axyb, { ...appKey, subscriptionId })).json?.resultcode).toBe('0');
    expect((await query({ subscriptionId })).json?.resultcode).toBe('1012007');
    expect((await c().delete(URI.axyb, { ...appKey, subscriptionId })).json?.resultcode).toBe('1016001');
  });

  test('app_key is required in the URL and must be the calling app', async () => {
    expect((await c().post(URI.axyb, { origNum: n(1) })).json?.resultdesc).toMatch(/app_key is invalid/);
    expect((await c().post(URI.axyb, { origNum: n(1) }, { app_key: 'someone-else' })).json?.resultcode).toBe('1010003');
    expect((await c().get(URI.axyb, { subscriptionId: 'x' })).json?.resultdesc).toMatch(/app_key is invalid/);
  });

  test('a Y is shared by relations of different X, up to the configured limit; never twice in one relation', async () => {
    const s1 = (await bind({ origNum: n(1), areaCode: '0755' })).json!.subscriptionId;
    const s2 = (await bind({ origNum: n(3), areaCode: '020' })).json!.subscriptionId;
    expect((await bind({ origNum: n(2), subscriptionId: s1 })).json?.relationNumber).toBe(X[1]);
    expect((await bind({ origNum: n(4), subscriptionId: s2, areaCode: '0755' })).json?.relationNumber).toBe(X[1]);
    expect((await bind({ origNum: n(5), subscriptionId: s1 })).json?.relationNumber).toBe(X[3]);
    expect((await bind({ origNum: n(5), subscriptionId: s1 })).json?.resultcode).toBe('1016002');
    const s3 = (await bind({ origNum: n(6) })).json;
    expect(s3?.resultcode).toBe('1012008');
  });

  test('Y capacity (configured 2 relations per Y) and X exhaustion give 1012008', async () => {
    const s1 = (await bind({ origNum: n(1) })).json!.subscriptionId;
    const s2 = (await bind({ origNum: n(2) })).json!.subscriptionId;
    expect((await bind({ origNum: n(10), subscriptionId: s1, areaCode: '020', areaMatchMode: '0' })).json?.relationNumber).toBe(X[2]);
    expect((await bind({ origNum: n(11), subscriptionId: s2, areaCode: '020', areaMatchMode: '0' })).json?.relationNumber).toBe(X[2]);
    const s3 = (await bind({ origNum: n(3) })).json!.subscriptionId;
    expect(s3).toBeDefined();
    expect((await bind({ origNum: n(12), subscriptionId: s3, areaCode: '020', areaMatchMode: '0' })).json?.resultcode).toBe('1012008');
    expect((await bind({ origNum: n(12), subscriptionId: s3 })).json?.resultcode).toBe('1012008');
  });

  test('one A holds at most N X (configured 2); B must differ from A; unknown subscription 1016001', async () => {
    const s1 = (await bind({ origNum: n(1) })).json!.subscriptionId;
    await bind({ origNum: n(1) });
    expect((await bind({ origNum: n(1) })).json?.resultcode).toBe('1012008');
    expect((await bind({ origNum: n(1), subscriptionId: s1 })).json?.resultdesc).toMatch(/origNum is invalid/);
    expect((await bind({ origNum: n(2), subscriptionId: 'nope' })).json?.resultcode).toBe('1016001');
  });

  test('unbind YB only, by yNum (wins) or bNum', async () => {
    const s = (await bind({ origNum: n(1) })).json!.subscriptionId;
    const y1 = (await bind({ origNum: n(2), subscriptionId: s })).json!.relationNumber;
    const y2 = (await bind({ origNum: n(3), subscriptionId: s })).json!.relationNumber;
    expect((await query({ subscriptionId: s })).json?.xyRelationNumList).toHaveLength(2);
    expect((await c().delete(URI.axyb, { ...appKey, subscriptionId: s, yNum: y1, bNum: n(3) })).json?.resultcode).toBe('0');
    expect((await query({ subscriptionId: s })).json?.xyRelationNumList.map((r: { numY: string }) => r.numY)).toEqual([y2]);
    expect((await c().delete(URI.axyb, { ...appKey, subscriptionId: s, bNum: n(3) })).json?.resultcode).toBe('0');
    expect((await c().delete(URI.axyb, { ...appKey, subscriptionId: s, bNum: n(3) })).json?.resultcode).toBe('1016001');
    expect((await query({ subscriptionId: s })).json?.xyRelationNumList).toEqual([expect.not.objectContaining({ numY: expect.anything() })]);
  });

  test('lifetimes: duration (default 7200) ends everything; ybDuration ends YB only; step 2 value wins, capped by duration', async () => {
    const s = (await bind({ origNum: n(2), duration: 600, ybDuration: 60 })).json!.subscriptionId;
    await bind({ origNum: n(3), subscriptionId: s });
    await bind({ origNum: n(4), subscriptionId: s, ybDuration: 120 });
    await bind({ origNum: n(5), subscriptionId: s, ybDuration: 3600 });
    const bs = async () => ((await query({ subscriptionId: s })).json?.xyRelationNumList ?? []).map((r: { numB?: string; ybDuration: string }) => [r.numB, r.ybDuration]);
    expect(await bs()).toEqual([[n(3), '60'], [n(4), '120'], [n(5), '600']]);
    t.clock.advanceSeconds(60);
    expect(await bs()).toEqual([[n(4), '120'], [n(5), '600']]);
    t.clock.advanceSeconds(60);
    expect(await bs()).toEqual([[n(5), '600']]);
    t.clock.advanceSeconds(480);
    expect((await query({ subscriptionId: s })).json?.resultcode).toBe('1012007');
    const dflt = (await bind({ origNum: n(1) })).json!.subscriptionId;
    t.clock.advanceSeconds(7199);
    expect((await query({ subscriptionId: dflt })).json?.resultcode).toBe('0');
    t.clock.advanceSeconds(1);
    expect((await query({ subscriptionId: dflt })).json?.resultcode).toBe('1012007');
  });
});
