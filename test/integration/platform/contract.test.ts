import { startEmulator, type Emulator } from '../../../src/emulator/emulator';
import { sandboxSeed, type SeedApp, type SeedMode } from '../../../src/emulator/seed';
import { PlatformError, type AppApi } from '../../../src/platform';
import { createTestClient, type TestClient } from '../../helpers/test-platform-client';

/**
 * The client against the real emulator (sandbox seed): a bind / query / modify / unbind round trip per mode.
 * Both sides implement rest-api.md independently; this is where they have to agree.
 */
describe('platform client against the emulator', () => {
  const seed = sandboxSeed();
  let emulator: Emulator;
  let t: TestClient;

  const seedApp = (mode: SeedMode): SeedApp => seed.apps.find((a) => a.mode === mode)!;
  const api = (mode: SeedMode): AppApi => t.client.app({ appKey: seedApp(mode).appKey, appSecret: seedApp(mode).appSecret });
  const xNumber = (mode: SeedMode, i = 0): string => seedApp(mode).numbers[i].number;

  async function failure(promise: Promise<unknown>): Promise<PlatformError> {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ seed, port: 0 });
  });
  beforeEach(() => {
    // The emulator checks Created against its own clock: use the real one here.
    t = createTestClient(emulator.baseUrl, { now: () => new Date(), maxRetries: 0, maxQueue: 1000 });
  });
  afterEach(() => t.client.close());
  afterAll(() => emulator.stop());

  test('AXB: bind, query, modify, unbind', async () => {
    const axb = api('AXB').axb;
    const relationNum = xNumber('AXB');
    const bound = await axb.bind({ relationNum, callerNum: '+8613800000001', calleeNum: '+8613800000002', duration: 3600, userData: 'order-0001' });
    expect(bound).toMatchObject({ resultcode: '0', relationNum });
    const { subscriptionId } = bound;

    const one = await axb.query({ subscriptionId });
    expect(one.relationNumList).toEqual([expect.objectContaining({ subscriptionId, relationNum, callerNum: '+8613800000001', calleeNum: '+8613800000002' })]);
    const onX = await axb.query({ relationNum });
    expect(onX.relationNumList.map((b) => b.subscriptionId)).toContain(subscriptionId);

    await axb.modify({ subscriptionId, calleeNum: '+8613800000003' });
    expect((await axb.query({ subscriptionId })).relationNumList[0].calleeNum).toBe('+8613800000003');

    await axb.unbind({ subscriptionId });
    expect(await failure(axb.query({ subscriptionId }))).toMatchObject({ kind: 'rejected' });
  });

  test('AX: bind, query, modify, temporary callee, unbind', async () => {
    const ax = api('AX').ax;
    const privateNum = xNumber('AX');
    const bound = await ax.bind({ origNum: '+8613800000011', privateNum, userData: 'driver-42' });
    expect(bound).toMatchObject({ resultcode: '0', origNum: '+8613800000011', privateNum });
    const { subscriptionId } = bound;

    const listed = await ax.query({ origNum: '+8613800000011' });
    expect(listed.privateNumList).toEqual([expect.objectContaining({ subscriptionId, origNum: '+8613800000011', privateNum })]);

    await ax.modify({ subscriptionId, privateSms: 'false', maxDuration: 30 });
    await ax.setTemporaryCallee({ origNum: '+8613800000011', privateNum, calleeNum: '+8613800000019' });

    await ax.unbind({ subscriptionId });
    expect(await failure(ax.query({ subscriptionId }))).toMatchObject({ kind: 'rejected' });
  });

  test('AXE: bind, query v1 and v2, modify, unbind', async () => {
    const axe = api('AXE').axe;
    const virtualNum = xNumber('AXE');
    const bound = await axe.bind({ bindNum: '+8613800000021', virtualNum, timeUnit: '0', bindExpiredTime: 24 });
    expect(bound).toMatchObject({ resultcode: '0', virtualNum });
    const { subscriptionId, extendNum } = bound;

    expect(await axe.query({ virtualNum, extendNum })).toMatchObject({ subscriptionId, bindNum: '+8613800000021', extendNum });
    const page = await axe.queryV2({ virtualNum });
    expect(page.bindList.map((b) => b.subscriptionId)).toContain(subscriptionId);

    await axe.modify({ subscriptionId, bindExpiredTime: 48, callbackNum: '+8613800000028' });
    expect(await axe.query({ subscriptionId })).toMatchObject({ callbackNum: '+8613800000028' });

    await axe.unbind({ subscriptionId });
    expect(await failure(axe.query({ subscriptionId }))).toMatchObject({ kind: 'rejected' });
  });

  test('AXYB: bind AX then YB, query, unbind', async () => {
    const axyb = api('AXYB').axyb;
    const ax = await axyb.bindAX({ origNum: '+8613800000031', areaCode: '0755', duration: 7200, ybDuration: 3600 });
    expect(ax.resultcode).toBe('0');
    const yb = await axyb.bindYB({ origNum: '+8613800000032', subscriptionId: ax.subscriptionId });
    expect(yb.relationNumber).not.toBe(ax.relationNumber);

    const listed = await axyb.query({ subscriptionId: ax.subscriptionId });
    expect(listed.xyRelationNumList).toEqual([
      expect.objectContaining({ numA: '+8613800000031', numX: ax.relationNumber, numY: yb.relationNumber, numB: '+8613800000032' }),
    ]);

    await axyb.unbind({ subscriptionId: ax.subscriptionId });
    const after = await axyb.query({ subscriptionId: ax.subscriptionId }).catch((e: unknown) => e);
    if (after instanceof PlatformError) expect(after.kind).toBe('rejected');
    else expect((after as { xyRelationNumList: unknown[] }).xyRelationNumList).toEqual([]);
  });

  test('refusals: unknown recording, unknown call session, wrong secret', async () => {
    const recordings = api('AXB').recordings;
    expect(await failure(recordings.downloadUrl({ fileName: 'missing.wav', recordDomain: 'record.example.invalid' }))).toMatchObject({
      kind: 'rejected',
      resultcode: '1012007',
    });
    expect(await failure(api('AXYB').calls.stop('no-such-session@callenabler.example.invalid'))).toMatchObject({ kind: 'rejected', resultcode: '1020152' });
    const wrong = t.client.app({ appKey: seedApp('AXB').appKey, appSecret: 'NotTheFictionalSecret' });
    expect(await failure(wrong.axb.query({ subscriptionId: 'x' }))).toMatchObject({ kind: 'rejected', httpStatus: 401, resultcode: '1010010' });
  });

  test('recording: 301 with the download URL, not followed', async () => {
    emulator.addRecording({ fileName: '1200_366_0_20240101100000.wav', recordDomain: 'record.example.invalid' });
    emulator.resetCounts();
    const before = Date.now();
    const { url, expiresAt } = await api('AXB').recordings.downloadUrl({ fileName: '1200_366_0_20240101100000.wav', recordDomain: 'record.example.invalid' });
    expect(url).toMatch(/^https?:\/\//);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3 * 24 * 3600 * 1000 - 1000);
    expect(emulator.requestCount()).toBe(1);
    expect(emulator.requestCount({ method: 'GET', uri: '/rest/provision/voice/record/v1.0' })).toBe(1);
  });

  test('callStop ends a registered call once; a second stop is refused', async () => {
    const { appKey } = seedApp('AXYB');
    emulator.registerSession(appKey, '1200_366_0_20240101100000@callenabler.example.invalid');
    await api('AXYB').calls.stop('1200_366_0_20240101100000@callenabler.example.invalid');
    expect(await failure(api('AXYB').calls.stop('1200_366_0_20240101100000@callenabler.example.invalid'))).toMatchObject({ kind: 'rejected' });
  });

  test('flow control: reported at once with retryAfterSeconds, never waited out nor sent again', async () => {
    emulator.setFlowControl(true);
    emulator.resetCounts();
    const waits: number[] = [];
    const refused = createTestClient(emulator.baseUrl, { now: () => new Date(), maxRetries: 2, flowControlWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) });
    const { appKey, appSecret } = seedApp('AX');
    try {
      const err = await failure(refused.client.app({ appKey, appSecret }).ax.query({ origNum: '+8613800000099' }));
      expect(err).toMatchObject({ kind: 'rejected', resultcode: '1010010', retryable: true, retryAfterSeconds: 60 });
      expect(waits).toEqual([]);
      expect(emulator.requestCount()).toBe(1);
    } finally {
      emulator.setFlowControl(false);
      await refused.client.close();
    }
  });

  test('short connections: 100 sequential and 100 concurrent queries against the emulator', async () => {
    const axb = api('AXB').axb;
    const query = () => axb.query({ relationNum: xNumber('AXB', 1) }).catch((e: unknown) => e);
    const results: unknown[] = [];
    for (let i = 0; i < 100; i += 1) results.push(await query());
    results.push(...(await Promise.all(Array.from({ length: 100 }, query))));
    const transport = results.filter((r) => r instanceof PlatformError && r.kind !== 'rejected');
    expect(transport).toEqual([]);
  });
});
