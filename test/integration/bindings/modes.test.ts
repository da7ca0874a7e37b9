import { sandboxSeed } from '../../../src/emulator/seed';
import {
  BindAxybPartyBDocument,
  BindingDocument,
  CreateAxBindingDocument,
  CreateAxbBindingDocument,
  CreateAxeBindingDocument,
  CreateAxybBindingDocument,
  DeleteBindingDocument,
  SetTemporaryCalleeDocument,
} from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { data, errorOf, party } from './fixture';

const seed = sandboxSeed();
const numbersOf = (mode: string): string[] => seed.apps.find((a) => a.mode === mode)!.numbers.map((n) => n.number);

describe('AX, AXE and AXYB bindings through the gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('AX: creates, sets a temporary callee, reads it back from the platform, deletes', async () => {
    const ax = data(
      await postGraphql(gw.url, CreateAxBindingDocument, {
        input: { partyA: party(101), cityCode: '010', recordCalls: true, maxCallMinutes: 20, smsEnabled: false, userData: 'driver-1' },
      }),
    ).createAXBinding;
    expect(ax).toMatchObject({
      mode: 'AX',
      app: { name: 'sandbox-ax', mode: 'AX' },
      status: 'ACTIVE',
      partyA: party(101),
      recordCalls: true,
      maxCallMinutes: 20,
      smsEnabled: false,
      userData: 'driver-1',
      temporaryCallee: null,
      temporaryCalleeExpiresAt: null,
      expiresAt: null,
    });
    expect(numbersOf('AX')).toContain(ax.privacyNumber);

    const before = Date.now();
    const set = data(await postGraphql(gw.url, SetTemporaryCalleeDocument, { bindingId: ax.id, callee: party(102) })).setTemporaryCallee;
    expect(set).toMatchObject({ id: ax.id, temporaryCallee: party(102) });
    const calleeExpiry = Date.parse(set.temporaryCalleeExpiresAt!);
    expect(calleeExpiry).toBeGreaterThanOrEqual(before + 60_000 - 1);
    expect(calleeExpiry).toBeLessThanOrEqual(Date.now() + 60_000);

    expect(data(await postGraphql(gw.url, BindingDocument, { id: ax.id })).binding).toEqual(set);
    expect(data(await postGraphql(gw.url, DeleteBindingDocument, { id: ax.id })).deleteBinding).toMatchObject({ id: ax.id, status: 'DELETED' });
  });

  it('AX: a temporary callee on a binding of another mode, or equal to A, is BAD_USER_INPUT', async () => {
    const axb = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(103), partyB: party(104), cityCode: '0755' } })).createAXBBinding;
    expect(errorOf(await postGraphql(gw.url, SetTemporaryCalleeDocument, { bindingId: axb.id, callee: party(105) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'bindingId' },
    });
    const ax = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: party(106), cityCode: '0755' } })).createAXBinding;
    expect(errorOf(await postGraphql(gw.url, SetTemporaryCalleeDocument, { bindingId: ax.id, callee: party(106) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'callee' },
    });
  });

  it('AXE: creates with a requested extension, callback number and lifetime; reads back the same', async () => {
    const before = Date.now();
    const axe = data(
      await postGraphql(gw.url, CreateAxeBindingDocument, {
        input: { partyA: party(111), cityCode: '0755', extension: '0042', callbackNumber: party(112), expiresInSeconds: 120, recordCalls: true, userData: 'shop-7' },
      }),
    ).createAXEBinding;
    expect(axe).toMatchObject({
      mode: 'AXE',
      app: { name: 'sandbox-axe', mode: 'AXE' },
      status: 'ACTIVE',
      partyA: party(111),
      extension: '0042',
      callbackNumber: party(112),
      recordCalls: true,
      userData: 'shop-7',
    });
    expect(numbersOf('AXE')).toContain(axe.privacyNumber);
    expect(Date.parse(axe.expiresAt!) - Date.parse(axe.createdAt)).toBe(120_000);
    expect(Date.parse(axe.createdAt)).toBeGreaterThanOrEqual(before - 1);
    expect(data(await postGraphql(gw.url, BindingDocument, { id: axe.id })).binding).toEqual(axe);
  });

  it('AXE: without an extension the platform assigns one; a lifetime is rounded up to whole minutes', async () => {
    const axe = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: party(113), cityCode: '010', expiresInSeconds: 61 } })).createAXEBinding;
    expect(axe.extension).toMatch(/^\d{4}$/);
    expect(axe).toMatchObject({ callbackNumber: null, recordCalls: false, userData: null });
    expect(Date.parse(axe.expiresAt!) - Date.parse(axe.createdAt)).toBe(120_000);
    expect(data(await postGraphql(gw.url, DeleteBindingDocument, { id: axe.id })).deleteBinding).toMatchObject({ status: 'DELETED' });
  });

  it('AXE: an extension already taken on the X is CONFLICT from the platform', async () => {
    const x = numbersOf('AXE')[5];
    data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: party(114), privacyNumber: x, extension: '0007' } }));
    expect(errorOf(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: party(115), privacyNumber: x, extension: '0007' } }))).toMatchObject({
      code: 'CONFLICT',
      extensions: { platformCode: '1016002' },
    });
  });

  it('AXYB: binds both halves at once, with X for A and Y for B', async () => {
    const axyb = data(
      await postGraphql(gw.url, CreateAxybBindingDocument, {
        input: { partyA: party(121), partyB: party(122), cityCode: '021', callDirection: 'B_TO_A_ONLY', expiresInSeconds: 3600, recordCalls: true, userData: 'ride-9' },
      }),
    ).createAXYBBinding;
    expect(axyb).toMatchObject({
      mode: 'AXYB',
      app: { name: 'sandbox-axyb', mode: 'AXYB' },
      status: 'ACTIVE',
      partyA: party(121),
      partyBOrNull: party(122),
      callDirection: 'B_TO_A_ONLY',
      recordCalls: true,
      userData: 'ride-9',
    });
    expect(numbersOf('AXYB')).toContain(axyb.privacyNumber);
    expect(numbersOf('AXYB')).toContain(axyb.numberY);
    expect(axyb.numberY).not.toBe(axyb.privacyNumber);
    expect(Date.parse(axyb.expiresAt!) - Date.parse(axyb.createdAt)).toBe(3_600_000);
    expect(data(await postGraphql(gw.url, BindingDocument, { id: axyb.id })).binding).toEqual(axyb);
  });

  it('AXYB: binds AX first and B later with bindAXYBPartyB', async () => {
    const ax = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: party(123), cityCode: '020' } })).createAXYBBinding;
    expect(ax).toMatchObject({ partyA: party(123), partyBOrNull: null, numberY: null, callDirection: 'BOTH', expiresAt: null });
    const full = data(await postGraphql(gw.url, BindAxybPartyBDocument, { bindingId: ax.id, partyB: party(124) })).bindAXYBPartyB;
    expect(full).toMatchObject({ id: ax.id, partyBOrNull: party(124) });
    expect(numbersOf('AXYB')).toContain(full.numberY);
    expect(data(await postGraphql(gw.url, BindingDocument, { id: ax.id })).binding).toEqual(full);
    expect(data(await postGraphql(gw.url, BindAxybPartyBDocument, { bindingId: ax.id, partyB: party(124) })).bindAXYBPartyB).toEqual(full);
    expect(errorOf(await postGraphql(gw.url, BindAxybPartyBDocument, { bindingId: ax.id, partyB: party(126) }))).toMatchObject({ code: 'CONFLICT', extensions: { field: 'bindingId' } });
    expect(data(await postGraphql(gw.url, DeleteBindingDocument, { id: ax.id })).deleteBinding).toMatchObject({ status: 'DELETED' });
    expect(errorOf(await postGraphql(gw.url, BindAxybPartyBDocument, { bindingId: ax.id, partyB: party(125) }))).toMatchObject({
      code: 'NOT_FOUND',
      extensions: { field: 'bindingId' },
    });
  });
});
