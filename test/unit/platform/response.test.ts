import { toQueryString } from '../../../src/platform/http';
import type { Operation } from '../../../src/platform/operation';
import { isFlowControl, PlatformError } from '../../../src/platform/platform-error';
import { expectEnvelope, parseJson, rejection } from '../../../src/platform/response';
import { fromTransportError } from '../../../src/platform/transport-error';

const GET: Operation = { name: 'AXB-4 query', method: 'GET', uri: '/rest/caas/relationnumber/partners/v1.0' };
const POST: Operation = { name: 'AXB-1 bind', method: 'POST', uri: '/rest/caas/relationnumber/partners/v1.0' };
const FLOW = { resultcode: '1010010', resultdesc: 'The flow control upper limit is reached on the platform.' };

function caught(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('query string', () => {
  test('escapes + as %2B, leaves out undefined, keeps order', () => {
    expect(toQueryString({ relationNum: '+8617000000001', subscriptionId: undefined, pageIndex: 1 })).toBe(
      '?relationNum=%2B8617000000001&pageIndex=1',
    );
    expect(toQueryString({})).toBe('');
    expect(toQueryString(undefined)).toBe('');
  });

  test('rejects nested values', () => {
    expect(() => toQueryString({ preVoice: { callerHintTone: 'a.wav' } })).toThrow(TypeError);
  });
});

describe('envelope interpretation', () => {
  test('JSON is parsed whatever the content type; garbage is undefined', () => {
    expect(parseJson('{"resultcode":"0"}')).toEqual({ resultcode: '0' });
    expect(parseJson('<html>')).toBeUndefined();
    expect(parseJson('')).toBeUndefined();
  });

  test('resultcode !== "0" fails even with HTTP 200', () => {
    const err = caught(() => expectEnvelope(GET, { status: 200, headers: {}, text: '{"resultcode":"1012007","resultdesc":"The record does not exist."}' }));
    expect(err).toMatchObject({ kind: 'rejected', httpStatus: 200, resultcode: '1012007', retryable: false });
  });

  test('a numeric resultcode is read as a string', () => {
    expect(expectEnvelope(GET, { status: 200, headers: {}, text: '{"resultcode":0,"resultdesc":"Success"}' }).resultcode).toBe('0');
  });

  test('flow control is recognised by code and text; plain 1010010 is not', () => {
    expect(isFlowControl(FLOW.resultcode, FLOW.resultdesc)).toBe(true);
    expect(isFlowControl('1010010', 'Invalid digest.')).toBe(false);
    expect(isFlowControl('1010001', 'flow control')).toBe(false);
  });

  test('retry verdicts: flow control always, server faults only for reads, IP lock never', () => {
    expect(rejection(POST, 403, FLOW).retryable).toBe(true);
    expect(rejection(GET, 500, { resultcode: '1010001', resultdesc: 'Internal system error.' }).retryable).toBe(true);
    expect(rejection(POST, 500, { resultcode: '1010001', resultdesc: 'Internal system error.' }).retryable).toBe(false);
    expect(rejection(GET, 403, { resultcode: '1020176', resultdesc: 'Authentication failed, try again later' }).retryable).toBe(false);
    expect(rejection(GET, 401, { resultcode: '1010010', resultdesc: 'Invalid digest.' }).retryable).toBe(false);
  });

  test('error messages mask phone numbers', () => {
    const err = rejection(POST, 403, { resultcode: '1010002', resultdesc: 'Invalid request. callerNum +8613800000001' });
    expect(err.message).not.toContain('+8613800000001');
    expect(err.resultdesc).toBe('Invalid request. callerNum +8613800000001');
  });
});

describe('transport errors', () => {
  test('connection refused is safe to resend for any method', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(fromTransportError(POST, refused, false)).toMatchObject({ kind: 'network', retryable: true });
  });

  test('an aggregate of refusals (happy eyeballs) counts as refused', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(fromTransportError(POST, new AggregateError([inner]), false).retryable).toBe(true);
  });

  test('after sending: retryable for reads only', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(fromTransportError(POST, reset, false)).toMatchObject({ kind: 'network', retryable: false });
    expect(fromTransportError(GET, reset, false)).toMatchObject({ kind: 'network', retryable: true });
    expect(fromTransportError(POST, new Error('aborted'), true)).toMatchObject({ kind: 'timeout', retryable: false });
    const headers = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(fromTransportError(GET, headers, false)).toMatchObject({ kind: 'timeout', retryable: true });
  });
});
