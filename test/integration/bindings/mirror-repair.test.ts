import { sandboxSeed } from '../../../src/emulator/seed';
import { BindAxybPartyBDocument, BindingDocument, CreateAxybBindingDocument, UpdateAxbBindingDocument, CreateAxbBindingDocument } from '../../generated/graphql';
import { wrapDb, type WrappedDb } from '../../helpers/wrap-db';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { data, errorOf, party } from './fixture';

/**
 * The platform said yes, then the mirror write failed: the mutation answers an error, and the next
 * `binding(id)` (which asks the platform) writes what the platform has, so the mirror is repaired.
 */
describe('mirror repaired after a write that failed once the platform had changed', () => {
  let gw: TestGateway;
  let fault: WrappedDb;
  beforeAll(async () => {
    gw = await startTestGateway({}, { wrapDb: (db) => (fault = wrapDb(db)).db });
  }, 60_000);
  afterAll(() => gw?.stop());

  test('bindAXYBPartyB: the YB half shows on the next read', async () => {
    const axyb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: party(71), cityCode: '0755' } })).createAXYBBinding;
    fault.failNext('UPDATE bindings');
    expect(errorOf(await postGraphql(gw.url, BindAxybPartyBDocument, { bindingId: axyb.id, partyB: party(72) })).code).toBe('INTERNAL_SERVER_ERROR');
    expect(fault.failures).toBe(1);
    const seed = sandboxSeed().apps.find((a) => a.name === 'sandbox-axyb')!;
    const onPlatform = gw.gateway.emulator!.state.app(seed.name)!.axyb.byA(party(71))[0];
    expect(onPlatform.yb.map((y) => y.numB)).toEqual([party(72)]);
    expect(data(await postGraphql(gw.url, BindingDocument, { id: axyb.id })).binding).toMatchObject({ partyBOrNull: party(72), numberY: onPlatform.yb[0].numY });
  });

  test('updateAXBBinding: the new settings show on the next read', async () => {
    const axb = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(73), partyB: party(74), cityCode: '0755' } })).createAXBBinding;
    fault.failNext('UPDATE bindings');
    expect(errorOf(await postGraphql(gw.url, UpdateAxbBindingDocument, { id: axb.id, input: { maxCallMinutes: 7 } })).code).toBe('INTERNAL_SERVER_ERROR');
    expect(data(await postGraphql(gw.url, BindingDocument, { id: axb.id })).binding).toMatchObject({ maxCallMinutes: 7 });
  });
});
