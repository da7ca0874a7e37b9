import type { EmulatorSeed } from '../../../src/emulator/seed';
import { BindingDocument, CreateAxBindingDocument, CreateAxbBindingDocument, CreateAxeBindingDocument, CreateAxybBindingDocument } from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { data, errorOf, party } from './fixture';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';
const AX_URI = '/rest/provision/caas/privatenumber/v1.0';
const X = ['+8617000000001', '+8617000000002'];
const AX_X = ['+8617000000011', '+8617000000012'];
const AXE_URI = '/rest/caas/extendnumber/v1.0';
const AXE_X = ['+8617000000021', '+8617000000022'];
const AXYB_URI = '/rest/omp/xyrelationnumber/v1.0';
const AXYB_NUMBERS = ['+8617000000031', '+8617000000032', '+8617000000033'];
const SEED: EmulatorSeed = {
  apps: [
    { name: 'rides', mode: 'AXB', appKey: 'fictionalAppKey0001', appSecret: 'FictionalSecret0001', numbers: X.map((number) => ({ number, cityCode: '0755' })) },
    { name: 'drivers', mode: 'AX', appKey: 'fictionalAppKey0002', appSecret: 'FictionalSecret0002', numbers: AX_X.map((number) => ({ number, cityCode: '0755' })) },
    { name: 'couriers', mode: 'AXYB', appKey: 'fictionalAppKey0004', appSecret: 'FictionalSecret0004', numbers: AXYB_NUMBERS.map((number) => ({ number, cityCode: '0755' })) },
    { name: 'shops', mode: 'AXE', appKey: 'fictionalAppKey0003', appSecret: 'FictionalSecret0003', numbers: AXE_X.map((number) => ({ number, cityCode: '0755' })) },
  ],
};

/**
 * A create whose answer is lost (the platform bound, then the connection reset) leaves its idempotency key
 * "unknown"; the retry with the same key asks the platform (AXB-4 by X, A and B) and returns the binding that
 * was made instead of binding again. Through the real gateway and the emulator's `resetAfterHandling` fault.
 */
describe('unknown create outcomes are settled on retry', () => {
  let gw: GatewayOnEmulator;
  beforeAll(async () => {
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 2 });
  });
  afterEach(() => gw.emulator.clearFaults());
  afterAll(() => gw.stop());

  const bindingsOnPlatform = (): number => X.reduce((n, x) => n + gw.emulator.state.app('rides')!.axb.onNumber(x).length, 0);

  test.each([
    ['the platform chose the X', undefined, 11],
    ['the X was named', X[1], 21],
  ])('%s: the retry returns the binding that was made, and the platform has exactly one', async (_name, privacyNumber, n) => {
    const before = bindingsOnPlatform();
    const input = { partyA: party(n), partyB: party(n + 1), ...(privacyNumber ? { privacyNumber } : { cityCode: '0755' }), idempotencyKey: `lost-answer-${n}` };
    gw.emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response: 'resetAfterHandling' });
    gw.emulator.resetCounts();
    const lost = errorOf(await postGraphql(gw.url, CreateAxbBindingDocument, { input }));
    expect(['PLATFORM_UNAVAILABLE', 'OPERATION_TIMEOUT']).toContain(lost.code);
    expect(lost.extensions.retryable).toBe(false);
    expect(bindingsOnPlatform()).toBe(before + 1);

    const retried = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input })).createAXBBinding;
    const again = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input })).createAXBBinding;
    expect(again.id).toBe(retried.id);
    expect(gw.emulator.requestCount({ method: 'POST', uri: AXB_URI })).toBe(1);
    expect(bindingsOnPlatform()).toBe(before + 1);
    const onPlatform = X.flatMap((x) => gw.emulator.state.app('rides')!.axb.onNumber(x)).find((b) => b.subscriptionId === retried.id);
    expect(onPlatform).toBeDefined();
    expect(data(await postGraphql(gw.url, BindingDocument, { id: retried.id })).binding).toMatchObject({ id: retried.id, status: 'ACTIVE', partyA: input.partyA, partyB: input.partyB });
  });

  test('when the platform made nothing (reset before handling), the retry binds once', async () => {
    const before = bindingsOnPlatform();
    const input = { partyA: party(31), partyB: party(32), cityCode: '0755', idempotencyKey: 'lost-request-31' };
    gw.emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response: 'drop' });
    gw.emulator.resetCounts();
    expect(errorOf(await postGraphql(gw.url, CreateAxbBindingDocument, { input })).extensions.retryable).toBe(false);
    expect(bindingsOnPlatform()).toBe(before);
    const retried = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input })).createAXBBinding;
    expect(gw.emulator.requestCount({ method: 'POST', uri: AXB_URI })).toBe(2);
    expect(bindingsOnPlatform()).toBe(before + 1);
    expect(data(await postGraphql(gw.url, CreateAxbBindingDocument, { input })).createAXBBinding.id).toBe(retried.id);
  });

  test('AX: the retry finds the binding by A (AX-4) among those the mirror does not know', async () => {
    const ax = () => gw.emulator.state.app('drivers')!.ax;
    const partyA = party(41);
    // A already has an AX binding made through the gateway: the lookup must not take that one.
    const earlier = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA, privacyNumber: AX_X[0] } })).createAXBinding;
    const input = { partyA, privacyNumber: AX_X[1], idempotencyKey: 'lost-ax-41' };
    gw.emulator.injectFault({ method: 'POST', uri: AX_URI, count: 1, response: 'resetAfterHandling' });
    gw.emulator.resetCounts();
    expect(errorOf(await postGraphql(gw.url, CreateAxBindingDocument, { input })).extensions.retryable).toBe(false);
    expect(ax().byOrigNum(partyA)).toHaveLength(2);

    const retried = data(await postGraphql(gw.url, CreateAxBindingDocument, { input })).createAXBinding;
    expect(retried.id).not.toBe(earlier.id);
    expect(retried).toMatchObject({ privacyNumber: AX_X[1], partyA });
    expect(ax().byOrigNum(partyA).map((b) => b.subscriptionId).sort()).toEqual([earlier.id, retried.id].sort());
    expect(gw.emulator.requestCount({ method: 'POST', uri: AX_URI })).toBe(1);
  });

  test('AXE: the retry finds the binding of A on the X (AXE-5 pages) that the mirror does not know', async () => {
    const onX = () => AXE_X.flatMap((x) => gw.emulator.state.app('shops')!.axe.onNumber(x));
    const partyA = party(51);
    // A already has a binding on the first X, made through the gateway: the lookup must not take that one.
    const earlier = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA, privacyNumber: AXE_X[0] } })).createAXEBinding;
    const input = { partyA, privacyNumber: AXE_X[1], idempotencyKey: 'lost-axe-51' };
    gw.emulator.injectFault({ method: 'POST', uri: AXE_URI, count: 1, response: 'resetAfterHandling' });
    gw.emulator.resetCounts();
    expect(errorOf(await postGraphql(gw.url, CreateAxeBindingDocument, { input })).extensions.retryable).toBe(false);
    expect(onX().filter((b) => b.bindNum === partyA)).toHaveLength(2);

    const retried = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input })).createAXEBinding;
    expect(retried.id).not.toBe(earlier.id);
    expect(onX().filter((b) => b.bindNum === partyA).map((b) => b.subscriptionId).sort()).toEqual([earlier.id, retried.id].sort());
    expect(gw.emulator.requestCount({ method: 'POST', uri: AXE_URI })).toBe(1);
  });

  test('AXYB: the retry finds the AX half by X (AXYB-4) and runs the YB step the lost request never reached', async () => {
    const relationsOfA = (a: string) => gw.emulator.state.app('couriers')!.axyb.byA(a);
    const input = { partyA: party(61), partyB: party(62), cityCode: '0755', idempotencyKey: 'lost-axyb-61' };
    // The AX step (the first POST) binds, then its answer is lost: the YB step is never sent.
    gw.emulator.injectFault({ method: 'POST', uri: AXYB_URI, count: 1, response: 'resetAfterHandling' });
    gw.emulator.resetCounts();
    expect(errorOf(await postGraphql(gw.url, CreateAxybBindingDocument, { input })).extensions.retryable).toBe(false);
    expect(relationsOfA(input.partyA)).toHaveLength(1);
    expect(relationsOfA(input.partyA)[0].yb).toHaveLength(0);

    const retried = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input })).createAXYBBinding;
    expect(retried.id).toBe(relationsOfA(input.partyA)[0].subscriptionId);
    expect(retried).toMatchObject({ partyA: input.partyA, partyBOrNull: input.partyB, numberY: expect.any(String) });
    expect(relationsOfA(input.partyA)).toHaveLength(1);
    expect(relationsOfA(input.partyA)[0].yb).toHaveLength(1);
    // The AX bind once (lost), then only the YB step.
    expect(gw.emulator.requestCount({ method: 'POST', uri: AXYB_URI })).toBe(2);
  });
});
