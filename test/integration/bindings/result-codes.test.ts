import type { EmulatorSeed } from '../../../src/emulator/seed';
import type { FaultResponse } from '../../../src/emulator/emulator';
import { RESULT_CODES } from '../../../src/result-codes';
import {
  BindingDocument,
  CreateAxbBindingDocument,
  CreateAxybBindingDocument,
  DeleteBindingDocument,
  UpdateAxbBindingDocument,
} from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { data, errorOf, mirrorCount, party } from './fixture';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';
const AXYB_URI = '/rest/omp/xyrelationnumber/v1.0';

const SEED: EmulatorSeed = {
  apps: [
    {
      name: 'rides',
      mode: 'AXB',
      appKey: 'fictionalAppKey0001',
      appSecret: 'FictionalSecret0001',
      numbers: [{ number: '+8617000000001', cityCode: '0755' }],
    },
    {
      name: 'rides-xy',
      mode: 'AXYB',
      appKey: 'fictionalAppKey0002',
      appSecret: 'FictionalSecret0002',
      numbers: [
        { number: '+8617000000002', cityCode: '0755' },
        { number: '+8617000000003', cityCode: '0755' },
      ],
    },
  ],
};

type Row = [resultcode: string, httpStatus: number, code: string, retryable: boolean];

/**
 * rest-api.md §4.2, row by row: the HTTP status the platform pairs with each code, and the public code and
 * retryability the gateway answers. Written out here rather than read from RESULT_CODES, so a change to the
 * table is a visible change to this test.
 */
const ROWS: Row[] = [
  ['1023006', 400, 'UNAUTHENTICATED', false],
  ['1023007', 400, 'UNAUTHENTICATED', false],
  ['1023008', 400, 'UNAUTHENTICATED', false],
  ['1023009', 400, 'UNAUTHENTICATED', false],
  ['1023010', 400, 'UNAUTHENTICATED', false],
  ['1023011', 400, 'UNAUTHENTICATED', false],
  ['1023012', 400, 'UNAUTHENTICATED', false],
  ['1023033', 400, 'UNAUTHENTICATED', false],
  ['1023034', 400, 'UNAUTHENTICATED', false],
  ['1023035', 400, 'UNAUTHENTICATED', false],
  ['1023036', 400, 'UNAUTHENTICATED', false],
  ['1023037', 400, 'UNAUTHENTICATED', false],
  ['1010010', 401, 'UNAUTHENTICATED', false],
  ['1010013', 401, 'UNAUTHENTICATED', true],
  ['1010002', 403, 'BAD_USER_INPUT', false],
  ['1010003', 403, 'UNAUTHENTICATED', false],
  ['1010004', 403, 'FORBIDDEN', false],
  ['1010008', 403, 'FORBIDDEN', false],
  ['1010029', 403, 'FORBIDDEN', false],
  ['1010040', 403, 'FORBIDDEN', false],
  ['1011001', 403, 'FORBIDDEN', false],
  ['1011004', 403, 'NOT_FOUND', false],
  ['1011005', 403, 'NUMBER_UNAVAILABLE', true],
  ['1012001', 403, 'NUMBER_UNAVAILABLE', false],
  ['1012007', 403, 'NOT_FOUND', false],
  ['1012008', 403, 'NUMBER_UNAVAILABLE', true],
  ['1012102', 403, 'NUMBER_UNAVAILABLE', false],
  ['1016001', 403, 'NOT_FOUND', false],
  ['1016002', 403, 'CONFLICT', false],
  ['1020150', 403, 'UNAUTHENTICATED', false],
  ['1020152', 403, 'NOT_FOUND', false],
  ['1020166', 403, 'FORBIDDEN', false],
  ['1020167', 403, 'NUMBER_UNAVAILABLE', false],
  ['1020176', 403, 'FORBIDDEN', false],
  ['1010001', 500, 'PLATFORM_UNAVAILABLE', true],
];

describe('every platform result code becomes a stable public error, and a refused create leaves no trace', () => {
  let gw: GatewayOnEmulator;
  let mirrored: number;
  let n = 0;
  beforeAll(async () => {
    // No retries, a 2 s flow-control wait, a short deadline for the timeout row, and no circuit breaker: the
    // rows inject one platform fault after another, which would open it.
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 0, flowControlWaitMs: 2000, timeoutMs: 400, breakerFailures: 0 });
    mirrored = await mirrorCount(gw.url);
  });
  afterAll(async () => {
    await gw.stop();
  });

  /** One createAXBBinding whose POST gets `response`; returns the single error. */
  async function refusedCreate(response: FaultResponse): Promise<ReturnType<typeof errorOf>> {
    n += 1;
    gw.emulator.injectFault({ method: 'POST', uri: AXB_URI, count: 1, response });
    const result = await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(400 + 2 * n), partyB: party(401 + 2 * n), cityCode: '0755' } });
    return errorOf(result);
  }

  it('covers every row of the result code table', () => {
    expect(ROWS.map((r) => r[0]).filter((c) => c !== '1010010').sort()).toEqual(Object.keys(RESULT_CODES).sort());
  });

  it.each(ROWS)('%s (HTTP %d) → %s, retryable %s', async (resultcode, httpStatus, code, retryable) => {
    const resultdesc = resultcode === '1010002' ? 'Invalid request. callerNum is invalid.' : `Fault ${resultcode}.`;
    const error = await refusedCreate({ httpStatus, resultcode, resultdesc });
    expect(error).toMatchObject({ code, extensions: { platformCode: resultcode, platformMessage: resultdesc, httpStatus, retryable } });
    expect(error.message).toContain(resultcode);
    expect(await mirrorCount(gw.url)).toBe(mirrored);
  });

  it('names the parameter the platform names in a 1010002', async () => {
    const error = await refusedCreate({ httpStatus: 403, resultcode: '1010002', resultdesc: 'Invalid request. callerNum is invalid.' });
    expect(error.extensions).toMatchObject({ platformField: 'callerNum' });
  });

  it('flow control (1010010 with the flow-control text) → RATE_LIMITED, retryable, retryAfterSeconds, no wait nor second send', async () => {
    gw.emulator.resetCounts();
    const error = await refusedCreate('flowControl');
    expect(error).toMatchObject({ code: 'RATE_LIMITED', extensions: { platformCode: '1010010', retryable: true, retryAfterSeconds: 2 } });
    expect(gw.emulator.requestCount({ method: 'POST', uri: AXB_URI })).toBe(1);
    expect(await mirrorCount(gw.url)).toBe(mirrored);
  });

  it('a dropped connection → PLATFORM_UNAVAILABLE, not retryable for a create whose outcome is unknown', async () => {
    const error = await refusedCreate('drop');
    expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', extensions: { retryable: false } });
    expect(error.extensions.platformCode).toBeUndefined();
    expect(await mirrorCount(gw.url)).toBe(mirrored);
  });

  it('no answer within the deadline → PLATFORM_UNAVAILABLE', async () => {
    const error = await refusedCreate({ delayMs: 1500 });
    expect(error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', extensions: { retryable: false } });
    expect(error.message).toContain('timeout');
    expect(await mirrorCount(gw.url)).toBe(mirrored);
  });

  it('a code the table does not know → PLATFORM_REJECTED with the code', async () => {
    const error = await refusedCreate({ httpStatus: 403, resultcode: '1099999', resultdesc: 'Something new.' });
    expect(error).toMatchObject({ code: 'PLATFORM_REJECTED', extensions: { platformCode: '1099999', platformMessage: 'Something new.', retryable: false } });
    expect(await mirrorCount(gw.url)).toBe(mirrored);
  });

  it('after all of that the same create succeeds and is mirrored once', async () => {
    const ok = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(498), partyB: party(499), cityCode: '0755' } }));
    expect(ok.createAXBBinding.status).toBe('ACTIVE');
    expect(await mirrorCount(gw.url)).toBe(mirrored + 1);
  });

  it('a refused update or delete leaves the mirrored binding as it was', async () => {
    const made = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(490), partyB: party(491), cityCode: '0755', maxCallMinutes: 5 } }));
    const id = made.createAXBBinding.id;
    gw.emulator.injectFault({ method: 'PUT', uri: AXB_URI, count: 1, response: { httpStatus: 403, resultcode: '1016002', resultdesc: 'The record already exists.' } });
    expect(errorOf(await postGraphql(gw.url, UpdateAxbBindingDocument, { id, input: { partyB: party(492), maxCallMinutes: 9 } }))).toMatchObject({ code: 'CONFLICT' });
    gw.emulator.injectFault({ method: 'DELETE', uri: AXB_URI, count: 1, response: { httpStatus: 500, resultcode: '1010001', resultdesc: 'Internal system error.' } });
    expect(errorOf(await postGraphql(gw.url, DeleteBindingDocument, { id }))).toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    expect(data(await postGraphql(gw.url, BindingDocument, { id })).binding).toEqual(made.createAXBBinding);
  });

  it('AXYB: when the YB step is refused the AX half is unbound again and nothing is mirrored', async () => {
    const before = await mirrorCount(gw.url);
    gw.emulator.resetCounts();
    // The first POST (AX) passes untouched; the second (YB) is refused.
    gw.emulator.injectFault({ method: 'POST', uri: AXYB_URI, count: 1, response: { delayMs: 0 } });
    gw.emulator.injectFault({ method: 'POST', uri: AXYB_URI, count: 1, response: { httpStatus: 403, resultcode: '1012008', resultdesc: 'Insufficient number of resources' } });
    const error = errorOf(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: party(493), partyB: party(494), cityCode: '0755' } }));
    expect(error).toMatchObject({ code: 'NUMBER_UNAVAILABLE', extensions: { platformCode: '1012008' } });
    expect(gw.emulator.requestCount({ method: 'DELETE', uri: AXYB_URI })).toBe(1);
    expect(gw.emulator.state.listApps().find((a) => a.name === 'rides-xy')!.axyb.byA(party(493))).toEqual([]);
    expect(await mirrorCount(gw.url)).toBe(before);
  });
});
