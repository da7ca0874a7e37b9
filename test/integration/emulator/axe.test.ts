import { URI } from '../../../src/platform/wire';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §7: AXE bind with extensions, query v1 / v2 (cursor), modify, unbind, expiry. */
describe('emulator AXE', () => {
  let t: TestEmulator;
  let X: string[];
  const n = (i: number): string => `+86138000${String(i).padStart(5, '0')}`;

  beforeEach(async () => {
    t = await startTestEmulator({ auth: { lockoutThreshold: 0 } });
    X = t.numbers('t-axe');
  });
  afterEach(() => t.emulator.stop());

  const axe = () => t.client('t-axe');
  const bind = (body: Record<string, unknown>, app = 't-axe') => t.client(app).post(URI.axe, body);

  test('bind assigns the lowest free extension; query v1 shows every field; modify; unbind', async () => {
    const bound = await bind({
      bindNum: n(1), virtualNum: X[0], displayNumMode: '0', recordFlag: 'false', callbackNum: n(8), timeUnit: '0',
      bindExpiredTime: 24, callbackExpiredTime: 24, userData: 'shop-7',
    });
    expect(bound.json).toEqual({ resultcode: '0', resultdesc: 'Success', subscriptionId: expect.any(String), virtualNum: X[0], extendNum: '0001', bindNum: n(1) });
    const { subscriptionId } = bound.json!;
    expect((await axe().get(URI.axe, { virtualNum: X[0], extendNum: '0001' })).json).toEqual({
      resultcode: '0', resultdesc: 'Success', subscriptionId, virtualNum: X[0], extendNum: '0001', bindNum: n(1), displayNumMode: '0',
      recordFlag: 'false', callbackNum: n(8), timeUnit: '0', bindExpiredTime: 24, callbackExpiredTime: 24, userData: 'shop-7',
      subscribeTime: '2024-01-01 10:00:00',
    });
    expect((await bind({ bindNum: n(2), virtualNum: X[0] })).json?.extendNum).toBe('0002');

    expect((await axe().put(URI.axe, { subscriptionId, callbackTone: 'cb.wav', recordFlag: true, recordHintTone: 'rec.wav' })).json?.resultcode).toBe('0');
    const after = (await axe().get(URI.axe, { subscriptionId })).json!;
    expect(after).toMatchObject({ callbackTone: 'cb.wav', recordFlag: 'true', recordHintTone: 'rec.wav' });
    expect(after.callbackNum).toBeUndefined();

    expect((await axe().delete(URI.axe, { virtualNum: X[0], extendNum: '0001' })).json?.resultcode).toBe('0');
    expect((await axe().get(URI.axe, { subscriptionId })).json?.resultcode).toBe('1012007');
    expect((await axe().delete(URI.axe, { subscriptionId })).json?.resultcode).toBe('1016001');
    expect((await axe().get(URI.axe, { virtualNum: X[0] })).json?.resultdesc).toMatch(/extendNum is invalid/);
  });

  test('requested extension: taken → 1016002; the same A twice on one X → 1016002', async () => {
    expect((await bind({ bindNum: n(1), virtualNum: X[0], extendNum: '0042' })).json?.extendNum).toBe('0042');
    expect((await bind({ bindNum: n(2), virtualNum: X[0], extendNum: '0042' })).json?.resultcode).toBe('1016002');
    expect((await bind({ bindNum: n(1), virtualNum: X[0] })).json?.resultcode).toBe('1016002');
    expect((await bind({ bindNum: n(1), virtualNum: X[1] })).json?.extendNum).toBe('0001');
  });

  test('extensions of the app length (1 digit): nine per X, then 1020167; area allocation moves on', async () => {
    const X1 = t.numbers('t-axe1');
    for (let i = 1; i <= 9; i += 1) expect((await bind({ bindNum: n(i), virtualNum: X1[0] }, 't-axe1')).json?.extendNum).toBe(String(i));
    expect((await bind({ bindNum: n(10), virtualNum: X1[0] }, 't-axe1')).json).toEqual({ resultcode: '1020167', resultdesc: 'No idle extend Number.' });
    expect((await bind({ bindNum: n(10), areaCode: '0755' }, 't-axe1')).json?.virtualNum).toBe(X1[1]);
    expect((await bind({ bindNum: n(11), extendNum: '0001', virtualNum: X1[1] }, 't-axe1')).json?.resultdesc).toMatch(/extendNum is invalid/);
  });

  test('area allocation: 1020167 when every candidate X is full, 1012008 when the city has none', async () => {
    const X1 = t.numbers('t-axe1');
    for (let i = 1; i <= 9; i += 1) await bind({ bindNum: n(i), virtualNum: X1[2] }, 't-axe1');
    expect((await bind({ bindNum: n(20), areaCode: '020' }, 't-axe1')).json?.resultcode).toBe('1020167');
    expect((await bind({ bindNum: n(20), areaCode: '0571' }, 't-axe1')).json?.resultcode).toBe('1012008');
    expect((await bind({ bindNum: n(20), areaCode: '020', areaMatchMode: '1' }, 't-axe1')).json?.virtualNum).toBe(X1[0]);
  });

  test('bindExpiredTime in hours or minutes; modify restarts it but queries show the bind-time values', async () => {
    const hours = (await bind({ bindNum: n(1), virtualNum: X[0], timeUnit: '0', bindExpiredTime: 2 })).json!.subscriptionId;
    const minutes = (await bind({ bindNum: n(2), virtualNum: X[0], timeUnit: '1', bindExpiredTime: 30 })).json!.subscriptionId;
    const modified = (await bind({ bindNum: n(3), virtualNum: X[0], timeUnit: '1', bindExpiredTime: 30 })).json!.subscriptionId;
    const alive = async (id: string) => (await axe().get(URI.axe, { subscriptionId: id })).json?.resultcode === '0';
    t.clock.advanceSeconds(20 * 60);
    await axe().put(URI.axe, { subscriptionId: modified, timeUnit: '0', bindExpiredTime: 1 });
    expect((await axe().get(URI.axe, { subscriptionId: modified })).json).toMatchObject({ timeUnit: '1', bindExpiredTime: 30 });
    t.clock.advanceSeconds(10 * 60);
    expect([await alive(hours), await alive(minutes), await alive(modified)]).toEqual([true, false, true]);
    t.clock.advanceSeconds(50 * 60);
    expect([await alive(hours), await alive(modified)]).toEqual([true, false]);
    t.clock.advanceSeconds(40 * 60);
    expect(await alive(hours)).toBe(false);
    expect((await bind({ bindNum: n(4), virtualNum: X[0] })).json?.extendNum).toBe('0001');
  });

  test('v2: single lookups by subscriptionId or virtualNum + extendNum', async () => {
    const id = (await bind({ bindNum: n(1), virtualNum: X[0] })).json!.subscriptionId;
    const bySub = await axe().get(URI.axeV2, { subscriptionId: id });
    expect(bySub.json).toMatchObject({ resultcode: '0', bindList: [{ subscriptionId: id, extendNum: '0001' }] });
    expect(bySub.json?.nextCursor).toBeUndefined();
    expect((await axe().get(URI.axeV2, { virtualNum: X[0], extendNum: '0001' })).json?.bindList).toHaveLength(1);
    expect((await axe().get(URI.axeV2, { virtualNum: X[0], extendNum: '0002' })).json?.resultcode).toBe('1012007');
  });

  test('v2 cursor paging over one X: every binding once, inserts during paging appear at the end', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      ids.push((await bind({ bindNum: n(i), virtualNum: X[0] })).json!.subscriptionId);
      if (i % 2 === 0) t.clock.advanceSeconds(1);
    }
    await bind({ bindNum: n(99), virtualNum: X[1] });
    const page = async (q: Record<string, string | number>) => (await axe().get(URI.axeV2, { virtualNum: X[0], ...q })).json!;
    const first = await page({ limit: 2 });
    expect(first.bindList.map((b: { subscriptionId: string }) => b.subscriptionId)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toMatch(/^\d{13}_\d{1,20}$/);
    ids.push((await bind({ bindNum: n(6), virtualNum: X[0] })).json!.subscriptionId);
    await axe().delete(URI.axe, { subscriptionId: ids[0] });
    const seen: string[] = first.bindList.map((b: { subscriptionId: string }) => b.subscriptionId);
    let cursor: string | undefined = first.nextCursor;
    while (cursor) {
      const next = await page({ cursor, limit: 2 });
      seen.push(...next.bindList.map((b: { subscriptionId: string }) => b.subscriptionId));
      cursor = next.nextCursor;
    }
    expect(seen).toEqual(ids);
    expect((await page({})).bindList).toHaveLength(5);
    expect((await page({ cursor: '0000000000000_0', limit: 100 })).nextCursor).toBeUndefined();
  });

  test('v2 parameters: limit 1–100, cursor format; an X without bindings is 1012007', async () => {
    await bind({ bindNum: n(1), virtualNum: X[0] });
    expect((await axe().get(URI.axeV2, { virtualNum: X[0], limit: 0 })).json?.resultdesc).toMatch(/limit is invalid/);
    expect((await axe().get(URI.axeV2, { virtualNum: X[0], limit: 101 })).json?.resultdesc).toMatch(/limit is invalid/);
    expect((await axe().get(URI.axeV2, { virtualNum: X[0], cursor: '123_4' })).json?.resultdesc).toMatch(/cursor is invalid/);
    expect((await axe().get(URI.axeV2, { virtualNum: X[2] })).json?.resultcode).toBe('1012007');
    expect((await axe().get(URI.axeV2, {})).json?.resultdesc).toMatch(/virtualNum is invalid/);
  });
});
