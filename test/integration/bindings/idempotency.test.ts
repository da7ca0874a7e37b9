import type { EmulatorSeed } from '../../../src/emulator/seed';
import { BindingDocument, CreateAxBindingDocument, CreateAxbBindingDocument, type CreateAxbBindingInput } from '../../generated/graphql';
import { startGatewayOnEmulator, startTestGateway, type GatewayOnEmulator, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { createTempDir } from '../../helpers/temp-dir';
import { data, errorOf, mirrorCount, party } from './fixture';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';

const SEED: EmulatorSeed = {
  apps: [
    {
      name: 'rides',
      mode: 'AXB',
      appKey: 'fictionalAppKey0001',
      appSecret: 'FictionalSecret0001',
      numbers: [
        { number: '+8617000000001', cityCode: '0755' },
        { number: '+8617000000002', cityCode: '0755' },
      ],
    },
    { name: 'drivers', mode: 'AX', appKey: 'fictionalAppKey0002', appSecret: 'FictionalSecret0002', numbers: [{ number: '+8617000000003', cityCode: '0755' }] },
  ],
};

describe('idempotency keys: one platform call per key, also racing and across a restart', () => {
  let gw: GatewayOnEmulator;
  /** The gateway currently serving; replaced by the restart test. */
  let current: TestGateway;
  let dataDir: { path: string; remove(): Promise<void> };
  const posts = (): number => gw.emulator.requestCount({ method: 'POST', uri: AXB_URI });
  const create = (input: CreateAxbBindingInput) => postGraphql(current.url, CreateAxbBindingDocument, { input });

  beforeAll(async () => {
    dataDir = await createTempDir('pn-idempotency-');
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 0 }, { DATA_DIR: dataDir.path });
    current = gw;
  });
  afterAll(async () => {
    await current.gateway.stop();
    await gw.stop();
    await dataDir.remove();
  });

  it('the same key with the same input returns the same binding and calls the platform once', async () => {
    const input = { partyA: party(501), partyB: party(502), cityCode: '0755', userData: 'order-501', idempotencyKey: 'order-501' };
    const first = data(await create(input)).createAXBBinding;
    // Defaults spelt out are the same input as defaults left out.
    const again = data(await create({ ...input, strictCityMatch: true, callDirection: 'BOTH', recordCalls: false })).createAXBBinding;
    expect(again).toEqual(first);
    expect(posts()).toBe(1);
  });

  it('racing requests with one key and one input call the platform once and all get the same binding', async () => {
    gw.emulator.resetCounts();
    const mirrored = await mirrorCount(current.url);
    // Each platform answer is held back a little, so every request arrives while the first is in flight.
    gw.emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response: { delayMs: 150 } });
    const input = { partyA: party(503), partyB: party(504), cityCode: '0755', idempotencyKey: 'race-1' };
    const results = await Promise.all(Array.from({ length: 6 }, () => create(input)));
    const ids = results.map((r) => data(r).createAXBBinding.id);
    expect(new Set(ids).size).toBe(1);
    expect(posts()).toBe(1);
    expect(await mirrorCount(current.url)).toBe(mirrored + 1);
  });

  it('the same key with a different input is CONFLICT, whichever mutation it is sent to', async () => {
    gw.emulator.resetCounts();
    const input = { partyA: party(505), partyB: party(506), cityCode: '0755', idempotencyKey: 'order-505' };
    data(await create(input));
    expect(errorOf(await create({ ...input, partyB: party(507) }))).toMatchObject({ code: 'CONFLICT', extensions: { field: 'input.idempotencyKey' } });
    expect(errorOf(await create({ ...input, recordCalls: true }))).toMatchObject({ code: 'CONFLICT' });
    const ax = await postGraphql(current.url, CreateAxBindingDocument, { input: { partyA: party(505), cityCode: '0755', idempotencyKey: 'order-505' } });
    expect(errorOf(ax)).toMatchObject({ code: 'CONFLICT' });
    expect(posts()).toBe(1);
  });

  it('a key whose create the platform refused is free again', async () => {
    gw.emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response: { httpStatus: 403, resultcode: '1012008', resultdesc: 'Insufficient number of resources' } });
    const input = { partyA: party(508), partyB: party(509), cityCode: '0755', idempotencyKey: 'order-508' };
    expect(errorOf(await create(input))).toMatchObject({ code: 'NUMBER_UNAVAILABLE' });
    expect(data(await create(input)).createAXBBinding.status).toBe('ACTIVE');
  });

  it('keys survive a restart on the same store', async () => {
    const input = { partyA: party(510), partyB: party(511), cityCode: '0755', idempotencyKey: 'order-510' };
    const before = data(await create(input)).createAXBBinding;
    await current.gateway.stop();
    current = await startTestGateway({ GATEWAY_CONFIG: gw.configFile, DATA_DIR: dataDir.path });
    gw.emulator.resetCounts();
    expect(data(await create(input)).createAXBBinding).toEqual(before);
    expect(errorOf(await create({ ...input, partyB: party(512) }))).toMatchObject({ code: 'CONFLICT' });
    expect(posts()).toBe(0);
    expect(data(await postGraphql(current.url, BindingDocument, { id: before.id })).binding).toEqual(before);
  });
});
