import { URI } from '../../../src/platform/wire';
import { startTestEmulator, type TestEmulator } from './fixture';

/** rest-api.md §6: AX bind, query precedence, modify, unbind, temporary callee. */
describe('emulator AX', () => {
  let t: TestEmulator;
  let X: string[];
  const A = '+8613800000001';
  const A2 = '+8613800000002';

  beforeEach(async () => {
    t = await startTestEmulator({ limits: { numbersPerUser: 2 }, auth: { lockoutThreshold: 0 } });
    X = t.numbers('t-ax');
  });
  afterEach(() => t.emulator.stop());

  const ax = () => t.client('t-ax');
  const bind = (body: Record<string, unknown>) => ax().post(URI.ax, body);

  test('bind, query with every stored field, modify, unbind', async () => {
    const bound = await bind({
      origNum: A, privateNum: X[0], recordFlag: 'true', recordHintTone: 'notice.wav', calleeNumDisplay: '0', privateSms: 'true',
      preVoice: { callerHintTone: 'a.wav' }, maxDuration: 30, lastMinVoice: 'last.wav', turnFlag: 'on', callDirection: 0, userData: 'driver-42',
    });
    expect(bound.json).toEqual({ resultcode: '0', resultdesc: 'Success', origNum: A, privateNum: X[0], subscriptionId: expect.any(String) });
    const { subscriptionId } = bound.json!;
    expect((await ax().get(URI.ax, { subscriptionId })).json?.privateNumList).toEqual([{
      subscriptionId, origNum: A, privateNum: X[0], recordFlag: 'true', recordHintTone: 'notice.wav', calleeNumDisplay: '0', privateSms: 'true',
      preVoice: { callerHintTone: 'a.wav' }, maxDuration: 30, lastMinVoice: 'last.wav', turnFlag: 'on', callDirection: 0, userData: 'driver-42',
      subscribeTime: '2024-01-01 10:00:00',
    }]);
    expect((await ax().put(URI.ax, { subscriptionId, privateSms: 'false', maxDuration: 5, recordFlag: false })).json?.resultcode).toBe('0');
    expect((await ax().put(URI.ax, { privateNum: X[0], origNum: A, lastMinVoice: 'last2.wav' })).json?.resultcode).toBe('0');
    expect((await ax().put(URI.ax, { privateNum: X[0], origNum: A2, maxDuration: 1 })).json?.resultcode).toBe('1016001');
    expect((await ax().get(URI.ax, { privateNum: X[0] })).json?.privateNumList[0]).toMatchObject({ privateSms: 'false', maxDuration: 5, recordFlag: 'false', lastMinVoice: 'last2.wav' });
    expect((await ax().delete(URI.ax, { subscriptionId })).json?.resultcode).toBe('0');
    expect((await ax().get(URI.ax, { subscriptionId })).json?.resultcode).toBe('1012007');
    expect((await ax().delete(URI.ax, { subscriptionId })).json?.resultcode).toBe('1011004');
  });

  test('query precedence: subscriptionId > origNum > privateNum', async () => {
    const s1 = (await bind({ origNum: A, privateNum: X[0] })).json!.subscriptionId;
    const s2 = (await bind({ origNum: A, privateNum: X[1] })).json!.subscriptionId;
    const s3 = (await bind({ origNum: A2, privateNum: X[2] })).json!.subscriptionId;
    const ids = async (q: Record<string, string>) => (await ax().get(URI.ax, q)).json?.privateNumList.map((b: { subscriptionId: string }) => b.subscriptionId);
    expect(await ids({ subscriptionId: s3, origNum: A, privateNum: X[0] })).toEqual([s3]);
    expect(await ids({ origNum: A, privateNum: X[2] })).toEqual([s1, s2]);
    expect(await ids({ privateNum: X[2] })).toEqual([s3]);
    expect((await ax().get(URI.ax, {})).json?.resultcode).toBe('1010002');
  });

  test('one A per X (1016002); at most N X per A (configured 2 → 1012008)', async () => {
    expect((await bind({ origNum: A, privateNum: X[0] })).json?.resultcode).toBe('0');
    expect((await bind({ origNum: A2, privateNum: X[0] })).json).toEqual({ resultcode: '1016002', resultdesc: 'The record already exists.' });
    expect((await bind({ origNum: A, privateNum: X[1] })).json?.resultcode).toBe('0');
    expect((await bind({ origNum: A, privateNum: X[2] })).json?.resultcode).toBe('1012008');
  });

  test('area allocation skips bound numbers; strict 1012008 when the city is used up', async () => {
    const area = { areaCode: '0755', privateNumType: 'mobile-virtual' };
    expect((await bind({ origNum: A, ...area })).json?.privateNum).toBe(X[0]);
    expect((await bind({ origNum: A2, ...area })).json?.privateNum).toBe(X[1]);
    expect((await bind({ origNum: '+8613800000003', ...area })).json?.resultcode).toBe('1012008');
    expect((await bind({ origNum: '+8613800000003', ...area, areaMatchMode: '1' })).json?.privateNum).toBe(X[2]);
  });

  // rest-api.md §6.2: "`origNum` may be sent but the platform does not read it (系统不会解析该参数,可不携带):
  // a mismatching or missing `origNum` is no error."
  test('unbind by privateNum alone; origNum, missing or mismatching, is not read', async () => {
    await bind({ origNum: A, privateNum: X[0] });
    await bind({ origNum: A2, privateNum: X[1] });
    expect((await ax().delete(URI.ax, {})).json?.resultcode).toBe('1010002');
    expect((await ax().delete(URI.ax, { origNum: A, privateNum: t.numbers('t-axb')[0] })).json?.resultcode).toBe('1012001');
    expect((await ax().delete(URI.ax, { privateNum: X[0] })).json?.resultcode).toBe('0');
    expect((await ax().delete(URI.ax, { origNum: A, privateNum: X[1] })).json?.resultcode).toBe('0');
    expect((await ax().get(URI.ax, { origNum: A })).json?.resultcode).toBe('1012007');
    expect((await ax().get(URI.ax, { origNum: A2 })).json?.resultcode).toBe('1012007');
    expect((await ax().delete(URI.ax, { privateNum: X[0] })).json?.resultcode).toBe('1011004');
  });

  test('temporary callee: lives 60 s by default, keepTime when given, overwritten by a new call', async () => {
    await bind({ origNum: A, privateNum: X[0] });
    const callee = () => t.emulator.state.app('t-ax')!.ax.byPrivateNum(X[0])!.temporaryCallee?.calleeNum;
    const set = (body: Record<string, unknown>) => ax().put(URI.axTemporaryCallee, { origNum: A, privateNum: X[0], ...body });
    expect((await set({ calleeNum: '+8613800000009' })).json).toEqual({ resultcode: '0', resultdesc: 'Success' });
    expect(callee()).toBe('+8613800000009');
    t.clock.advanceSeconds(59);
    expect(callee()).toBe('+8613800000009');
    t.clock.advanceSeconds(1);
    expect(callee()).toBeUndefined();

    await set({ calleeNum: '4001234567' });
    await set({ calleeNum: '95588', keepTime: 120 });
    t.clock.advanceSeconds(100);
    expect(callee()).toBe('95588');
    t.clock.advanceSeconds(20);
    expect(callee()).toBeUndefined();
  });

  test('temporary callee needs the A+X binding and a valid callee', async () => {
    await bind({ origNum: A, privateNum: X[0] });
    const set = (body: Record<string, unknown>) => ax().put(URI.axTemporaryCallee, body);
    expect((await set({ origNum: A2, privateNum: X[0], calleeNum: '+8613800000009' })).json?.resultcode).toBe('1016001');
    expect((await set({ origNum: A, privateNum: X[0], calleeNum: '12345' })).json?.resultdesc).toMatch(/calleeNum is invalid/);
    expect((await set({ origNum: A, privateNum: X[0] })).json?.resultdesc).toMatch(/calleeNum is invalid/);
    expect((await set({ origNum: A, privateNum: X[0], calleeNum: '+8613800000009', keepTime: 0 })).json?.resultdesc).toMatch(/keepTime is invalid/);
  });
});
