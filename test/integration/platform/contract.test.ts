import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sandboxSeed, type EmulatorSeed, type SeedApp, type SeedMode } from '../../../src/emulator/seed';
import { PlatformError, type AppApi } from '../../../src/platform';
import { createTestClient, type TestClient } from '../../helpers/test-platform-client';

/** The part of the emulator's entry point this test relies on. */
type StartEmulator = (options: { seed: EmulatorSeed; port: number }) => Promise<{ baseUrl: string; stop(): Promise<void> }>;

/**
 * Loaded by path so this file compiles while the emulator's entry point does not exist yet; the suite is
 * skipped until it does.
 */
function loadStartEmulator(): StartEmulator | undefined {
  const path = resolve(__dirname, '../../../src/emulator/emulator.ts');
  if (!existsSync(path)) return undefined;
  return (require(path) as { startEmulator?: StartEmulator }).startEmulator;
}

const startEmulator = loadStartEmulator();
const describeWithEmulator = startEmulator ? describe : describe.skip;

/**
 * The client against the real emulator (sandbox seed): a bind / query / modify / unbind round trip per mode.
 * Both sides implement rest-api.md independently; this is where they have to agree.
 */
describeWithEmulator('platform client against the emulator', () => {
  const seed = sandboxSeed();
  let emulator: Awaited<ReturnType<StartEmulator>>;
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
    emulator = await startEmulator!({ seed, port: 0 });
  });
  beforeEach(() => {
    // The emulator checks Created against its own clock: use the real one here.
    t = createTestClient(emulator.baseUrl, { now: () => new Date(), maxRetries: 0 });
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
});
