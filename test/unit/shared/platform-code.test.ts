import { PrivacyNumberCodesResolver } from '../../../src/numbers/privacy-number-codes.resolver';
import { HANGUP_CODES, Q850_CAUSES, SMS_SEND_RESULTS, TEARDOWN_POINTS } from '../../../src/platform/push-codes';
import { platformCode } from '../../../src/shared/platform-code.type';

describe('PlatformCode: a pushed integer code beside its documented meaning', () => {
  it('gives the meaning of a listed code, null for an unlisted one, and no object without a code', () => {
    expect(platformCode(HANGUP_CODES, 0)).toEqual({ code: 0, reason: 'Normal hang-up after the call was connected' });
    expect(platformCode(HANGUP_CODES, 9999)).toEqual({ code: 9999, reason: null });
    expect(platformCode(HANGUP_CODES, null)).toBeNull();
    expect(platformCode(HANGUP_CODES, undefined)).toBeNull();
  });

  it('does not read inherited properties as meanings', () => {
    const table: Readonly<Record<number, string>> = Object.create({ 7: 'inherited' }) as Record<number, string>;
    expect(platformCode(table, 7)).toEqual({ code: 7, reason: null });
  });

  it('the tables hold what push-api.md lists: the call controls in both the hang-up and the teardown table', () => {
    expect(HANGUP_CODES[8047]).toBe('Caller frequency control');
    expect(TEARDOWN_POINTS[8047]).toBe('Caller frequency control');
    expect(HANGUP_CODES[8102]).toBe('Callee busy (in a call, ringing, etc.)');
    expect(TEARDOWN_POINTS[8058]).toBe('Practitioner not real-name verified');
    expect(Q850_CAUSES[16]).toBe('Normal call clearing');
    // sendResult 13 is listed without a readable meaning: it has none here.
    expect(Object.keys(SMS_SEND_RESULTS).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('PrivacyNumber.cause reads a numeric cause; none or a non-numeric one is null', () => {
    const resolver = new PrivacyNumberCodesResolver();
    expect(resolver.cause({ statusCauseCode: '2' })).toEqual({ code: 2, reason: 'Account in arrears' });
    expect(resolver.cause({ statusCauseCode: '4' })).toEqual({ code: 4, reason: null });
    expect(resolver.cause({ statusCauseCode: 'x2' })).toBeNull();
    expect(resolver.cause({ statusCauseCode: null })).toBeNull();
  });
});
