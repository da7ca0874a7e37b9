import type { EmulatorSeed } from '../../../src/emulator/seed';
import { PlatformClient } from '../../../src/platform';
import { silentLogger } from '../../../src/shared/logger';
import {
  AppsDocument,
  BindingDocument,
  BindingsDocument,
  CreateAxBindingDocument,
  CreateAxbBindingDocument,
  CreateAxeBindingDocument,
  PrivacyNumberDocument,
} from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { data, errorOf, party } from './fixture';

const EAST = { name: 'rides-east', mode: 'AXB', appKey: 'fictionalAppKey0001', appSecret: 'FictionalSecret0001', numbers: [{ number: '+8617000000001', cityCode: '0755' }] } as const;
const WEST = { name: 'rides-west', mode: 'AXB', appKey: 'fictionalAppKey0002', appSecret: 'FictionalSecret0002', numbers: [{ number: '+8617000000011', cityCode: '028' }] } as const;

const SEED: EmulatorSeed = {
  apps: [
    { ...EAST, numbers: [...EAST.numbers] },
    { ...WEST, numbers: [...WEST.numbers] },
    { name: 'drivers', mode: 'AX', appKey: 'fictionalAppKey0003', appSecret: 'FictionalSecret0003', numbers: [{ number: '+8617000000021', cityCode: '0755' }] },
    { name: 'shop', mode: 'AXE', appKey: 'fictionalAppKey0004', appSecret: 'FictionalSecret0004', extensionLength: 2, numbers: [{ number: '+8617000000031', cityCode: '0571' }] },
  ],
};

describe('several apps, some sharing a mode (production mode)', () => {
  let gw: GatewayOnEmulator;
  beforeAll(async () => {
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 0 });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('lists the apps in configuration order', async () => {
    expect(data(await postGraphql(gw.url, AppsDocument)).apps.map((a) => [a.name, a.mode])).toEqual([
      ['rides-east', 'AXB'],
      ['rides-west', 'AXB'],
      ['drivers', 'AX'],
      ['shop', 'AXE'],
    ]);
  });

  it('without `app`, a mode with two apps is BAD_USER_INPUT naming both, before any platform call', async () => {
    gw.emulator.resetCounts();
    const error = errorOf(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(701), partyB: party(702), cityCode: '0755' } }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.app' } });
    expect(error.message).toContain('rides-east');
    expect(error.message).toContain('rides-west');
    expect(gw.emulator.requestCount()).toBe(0);
  });

  it('`app` picks one of them; the only app of a mode needs no name', async () => {
    const west = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(703), partyB: party(704), cityCode: '028', app: 'rides-west' } })).createAXBBinding;
    expect(west).toMatchObject({ app: { name: 'rides-west', mode: 'AXB', appKey: WEST.appKey }, privacyNumber: WEST.numbers[0].number });
    const east = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(705), partyB: party(706), cityCode: '0755', app: 'rides-east' } })).createAXBBinding;
    expect(east).toMatchObject({ app: { name: 'rides-east' }, privacyNumber: EAST.numbers[0].number });
    const ax = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: party(707), cityCode: '0755' } })).createAXBinding;
    expect(ax.app.name).toBe('drivers');

    const westOnly = data(await postGraphql(gw.url, BindingsDocument, { filter: { app: 'rides-west' } })).bindings;
    expect(westOnly.edges.map((e) => e.node.id)).toEqual([west.id]);
    expect(data(await postGraphql(gw.url, BindingDocument, { id: west.id })).binding).toEqual(west);
  });

  it("one app's number through another app is refused by the platform and mirrored nowhere", async () => {
    const error = errorOf(
      await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(708), partyB: party(709), privacyNumber: WEST.numbers[0].number, app: 'rides-east' } }),
    );
    expect(error).toMatchObject({ code: 'NUMBER_UNAVAILABLE', extensions: { platformCode: '1012001' } });
    expect(data(await postGraphql(gw.url, BindingsDocument, { filter: { party: party(708) } })).bindings.totalCount).toBe(0);
  });

  it('binding(id, app) finds a binding made outside the gateway in the named app, and mirrors it', async () => {
    const platform = new PlatformClient({ baseUrl: gw.emulator.baseUrl, authScheme: 'aksk', timeoutMs: 5000, maxRetries: 0, flowControlWaitMs: 0, maxConcurrency: 4, logger: silentLogger() });
    try {
      const made = await platform.app(WEST).axb.bind({ callerNum: party(711), calleeNum: party(712), relationNum: WEST.numbers[0].number, duration: 0, userData: 'outside' });
      // Several apps are configured: without `app` an id the mirror does not know is asked of nobody.
      expect(data(await postGraphql(gw.url, BindingDocument, { id: made.subscriptionId })).binding).toBeNull();
      const found = data(await postGraphql(gw.url, BindingDocument, { id: made.subscriptionId, app: 'rides-west' })).binding;
      expect(found).toMatchObject({ id: made.subscriptionId, app: { name: 'rides-west' }, status: 'ACTIVE', partyA: party(711), partyB: party(712), userData: 'outside' });
      const mirrored = data(await postGraphql(gw.url, BindingsDocument, { filter: { party: party(711) } })).bindings;
      expect(mirrored.edges.map((e) => e.node.id)).toEqual([made.subscriptionId]);
    } finally {
      await platform.close();
    }
  });

  it('AXE capacity follows the app\'s extension length once a binding shows it', async () => {
    const x = SEED.apps[3].numbers[0].number;
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: x })).privacyNumber).toMatchObject({ capacity: 9999, activeBindingCount: 0 });
    const axe = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: party(721), privacyNumber: x } })).createAXEBinding;
    expect(axe.extension).toHaveLength(2);
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: x })).privacyNumber).toMatchObject({ capacity: 99, activeBindingCount: 1 });
  });
});
