import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  BindAxybPartyBDocument,
  CreateAxBindingDocument,
  CreateAxbBindingDocument,
  CreateAxeBindingDocument,
  CreateAxybBindingDocument,
  ImportPrivacyNumbersDocument,
  SetTemporaryCalleeDocument,
  UpdateAxbBindingDocument,
} from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { errorOf, mirrorCount, party } from './fixture';

const A = party(301);
const B = party(302);
const axb = { partyA: A, partyB: B, cityCode: '0755' };
const ax = { partyA: A, cityCode: '0755' };
const axe = { partyA: A, cityCode: '0755' };
const axyb = { partyA: A, cityCode: '0755' };

type Case = [string, TypedDocumentNode<unknown, never>, Record<string, unknown>, string];
const doc = <T, V>(d: TypedDocumentNode<T, V>): TypedDocumentNode<unknown, never> => d as unknown as TypedDocumentNode<unknown, never>;

/** [what, document, variables, the field the error must name]. Every one is refused before any platform call. */
const CASES: Case[] = [
  ['AXB partyA not in global format', doc(CreateAxbBindingDocument), { input: { ...axb, partyA: '13800000301' } }, 'input.partyA'],
  ['AXB partyB with spaces', doc(CreateAxbBindingDocument), { input: { ...axb, partyB: '+86 138 0000 0302' } }, 'input.partyB'],
  ['AXB partyB missing', doc(CreateAxbBindingDocument), { input: { partyA: A, cityCode: '0755' } }, 'input.partyB'],
  ['AXB partyA equal to partyB', doc(CreateAxbBindingDocument), { input: { ...axb, partyB: A } }, 'input.partyB'],
  ['AXB privacyNumber with cityCode', doc(CreateAxbBindingDocument), { input: { ...axb, privacyNumber: '+8617001000001' } }, 'input.cityCode'],
  ['AXB neither privacyNumber nor cityCode', doc(CreateAxbBindingDocument), { input: { partyA: A, partyB: B } }, 'input.privacyNumber'],
  ['AXB cityCode without leading zero', doc(CreateAxbBindingDocument), { input: { ...axb, cityCode: '755' } }, 'input.cityCode'],
  ['AXB expiresInSeconds below 0', doc(CreateAxbBindingDocument), { input: { ...axb, expiresInSeconds: -1 } }, 'input.expiresInSeconds'],
  ['AXB expiresInSeconds above 7776000', doc(CreateAxbBindingDocument), { input: { ...axb, expiresInSeconds: 7_776_001 } }, 'input.expiresInSeconds'],
  ['AXB maxCallMinutes below 0', doc(CreateAxbBindingDocument), { input: { ...axb, maxCallMinutes: -1 } }, 'input.maxCallMinutes'],
  ['AXB maxCallMinutes above 1440', doc(CreateAxbBindingDocument), { input: { ...axb, maxCallMinutes: 1441 } }, 'input.maxCallMinutes'],
  ['AXB userData longer than 256', doc(CreateAxbBindingDocument), { input: { ...axb, userData: 'u'.repeat(257) } }, 'input.userData'],
  ['AXB idempotencyKey empty', doc(CreateAxbBindingDocument), { input: { ...axb, idempotencyKey: '' } }, 'input.idempotencyKey'],
  ['AXB app unknown', doc(CreateAxbBindingDocument), { input: { ...axb, app: 'no-such-app' } }, 'input.app'],
  ['AXB app of another mode', doc(CreateAxbBindingDocument), { input: { ...axb, app: 'sandbox-ax' } }, 'input.app'],
  ['AX maxCallMinutes above 1440', doc(CreateAxBindingDocument), { input: { ...ax, maxCallMinutes: 1441 } }, 'input.maxCallMinutes'],
  ['AX privacyNumber with cityCode', doc(CreateAxBindingDocument), { input: { ...ax, privacyNumber: '+8617000000001' } }, 'input.cityCode'],
  ['AXE extension of 5 digits', doc(CreateAxeBindingDocument), { input: { ...axe, extension: '12345' } }, 'input.extension'],
  ['AXE extension not digits', doc(CreateAxeBindingDocument), { input: { ...axe, extension: '12a' } }, 'input.extension'],
  ['AXE extension empty', doc(CreateAxeBindingDocument), { input: { ...axe, extension: '' } }, 'input.extension'],
  ['AXE callbackNumber equal to partyA', doc(CreateAxeBindingDocument), { input: { ...axe, callbackNumber: A } }, 'input.callbackNumber'],
  ['AXE expiresInSeconds above 7776000', doc(CreateAxeBindingDocument), { input: { ...axe, expiresInSeconds: 7_776_001 } }, 'input.expiresInSeconds'],
  ['AXE privacyNumber with cityCode', doc(CreateAxeBindingDocument), { input: { ...axe, privacyNumber: '+8617002000001' } }, 'input.cityCode'],
  ['AXYB expiresInSeconds of 30 (0 or 60..7776000)', doc(CreateAxybBindingDocument), { input: { ...axyb, expiresInSeconds: 30 } }, 'input.expiresInSeconds'],
  ['AXYB partyB equal to partyA', doc(CreateAxybBindingDocument), { input: { ...axyb, partyB: A } }, 'input.partyB'],
  ['AXYB cityCode malformed', doc(CreateAxybBindingDocument), { input: { ...axyb, cityCode: '0755x' } }, 'input.cityCode'],
  ['update with nothing to change', doc(UpdateAxbBindingDocument), { id: 'any', input: {} }, 'input'],
  ['update expiresInSeconds above 7776000', doc(UpdateAxbBindingDocument), { id: 'any', input: { expiresInSeconds: 7_776_001 } }, 'input.expiresInSeconds'],
  ['update maxCallMinutes above 1440', doc(UpdateAxbBindingDocument), { id: 'any', input: { maxCallMinutes: 1441 } }, 'input.maxCallMinutes'],
  ['update partyB equal to partyA', doc(UpdateAxbBindingDocument), { id: 'any', input: { partyA: A, partyB: A } }, 'input.partyB'],
  ['temporary callee not a phone number', doc(SetTemporaryCalleeDocument), { bindingId: 'any', callee: '0800-CALL' }, 'callee'],
  ['AXYB partyB not a phone number', doc(BindAxybPartyBDocument), { bindingId: 'any', partyB: '+0086138' }, 'partyB'],
  ['import of a malformed number', doc(ImportPrivacyNumbersDocument), { app: 'sandbox-axb', numbers: ['+8617009000001', '170'] }, 'numbers[1]'],
  ['import into an unknown app', doc(ImportPrivacyNumbersDocument), { app: 'nope', numbers: ['+8617009000001'] }, 'app'],
  ['import with an empty list', doc(ImportPrivacyNumbersDocument), { app: 'sandbox-axb', numbers: [] }, 'numbers'],
  ['import with a malformed city code', doc(ImportPrivacyNumbersDocument), { app: 'sandbox-axb', numbers: ['+8617009000001'], cityCode: '75' }, 'cityCode'],
];

describe('bad input is BAD_USER_INPUT naming the field, before any platform call', () => {
  let gw: TestGateway;
  let mirrored: number;
  beforeAll(async () => {
    gw = await startTestGateway();
    mirrored = await mirrorCount(gw.url);
  });
  afterAll(async () => {
    await gw.stop();
  });

  it.each(CASES)('%s', async (_what, document, variables, field) => {
    gw.gateway.emulator!.resetCounts();
    const error = errorOf(await postGraphql(gw.url, document, variables as never));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field } });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(gw.gateway.emulator!.requestCount()).toBe(0);
  });

  it('never repeats a rejected phone number in the message', async () => {
    const error = errorOf(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { ...axb, partyA: '13800000301' } }));
    expect(error.message).not.toContain('13800000301');
  });

  it('left nothing in the mirror', async () => {
    expect(await mirrorCount(gw.url)).toBe(mirrored);
  });
});
