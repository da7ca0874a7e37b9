import { fromAxbInfo, fromAxeInfo, fromAxInfo, fromAxybInfo } from '../../../src/bindings/binding.mapper';
import { effectiveStatus } from '../../../src/bindings/binding.record';

const X = '+8617000000001';
const Y = '+8617000000002';
const A = '+8613800000001';
const B = '+8613800000002';
const at = (iso: string): Date => new Date(iso);

describe('platform query answers in mirror terms', () => {
  it('AXB: flags as booleans or strings, 0 minutes as unlimited, lifetime from the subscribe time', () => {
    const view = fromAxbInfo({
      subscriptionId: 's1',
      relationNum: X,
      callerNum: A,
      calleeNum: B,
      callDirection: 2,
      duration: 3600,
      recordFlag: 'true',
      maxDuration: 0,
      privateSms: false,
      userData: 'order-1',
      subscribeTime: '2026-01-02 03:04:05',
    });
    expect(view).toEqual({
      privacyNumber: X,
      partyA: A,
      partyB: B,
      callDirection: 'B_TO_A_ONLY',
      recordCalls: true,
      maxCallMinutes: null,
      smsEnabled: false,
      userData: 'order-1',
      expiresAt: at('2026-01-02T04:04:05Z'),
      subscribedAt: at('2026-01-02T03:04:05Z'),
    });
  });

  it('AXB: what the platform leaves out stays undefined (the mirror keeps its value); duration 0 is no expiry', () => {
    const view = fromAxbInfo({ subscriptionId: 's1', relationNum: X, callerNum: A, calleeNum: B, duration: 0, subscribeTime: '2026-01-02 03:04:05' });
    expect(view.expiresAt).toBeNull();
    expect(view.smsEnabled).toBeUndefined();
    expect(view.recordCalls).toBeUndefined();
    expect(view.callDirection).toBeUndefined();
    // Without a subscribe time no expiry can be computed.
    expect(fromAxbInfo({ subscriptionId: 's1', relationNum: X, callerNum: A, calleeNum: B, duration: 60 }).expiresAt).toBeUndefined();
  });

  it('AX: number, party, switches', () => {
    expect(fromAxInfo({ subscriptionId: 's2', origNum: A, privateNum: X, recordFlag: false, privateSms: 'true', maxDuration: 30 })).toMatchObject({
      privacyNumber: X,
      partyA: A,
      recordCalls: false,
      smsEnabled: true,
      maxCallMinutes: 30,
    });
  });

  it('AXE: lifetimes in minutes or hours by timeUnit; no callback number is null', () => {
    const base = { subscriptionId: 's3', virtualNum: X, extendNum: '0042', bindNum: A, bindExpiredTime: 2, subscribeTime: '2026-01-02 03:04:05' };
    expect(fromAxeInfo({ ...base, timeUnit: '1' })).toMatchObject({ extension: '0042', callbackNumber: null, expiresAt: at('2026-01-02T03:06:05Z') });
    expect(fromAxeInfo({ ...base, timeUnit: '0', callbackNum: B }).expiresAt).toEqual(at('2026-01-02T05:04:05Z'));
    expect(fromAxeInfo({ ...base, bindExpiredTime: 0 }).expiresAt).toBeNull();
  });

  it('AXYB: an empty YB half is null; callDirection may come as a string, duration is one', () => {
    const view = fromAxybInfo({
      bindId: 's4',
      numA: A,
      numX: X,
      numY: '',
      numB: '',
      callDirection: '1' as unknown as 1,
      duration: '7200',
      subscribeTime: '2026-01-02 03:04:05',
    });
    expect(view).toMatchObject({ privacyNumber: X, partyA: A, partyB: null, numberY: null, callDirection: 'A_TO_B_ONLY', expiresAt: at('2026-01-02T05:04:05Z') });
    expect(fromAxybInfo({ bindId: 's4', numA: A, numX: X, numY: Y, numB: B })).toMatchObject({ partyB: B, numberY: Y });
  });
});

describe('effective status', () => {
  const now = at('2026-01-02T03:04:05Z');
  it('an ACTIVE binding past its expiry is EXPIRED; DELETED stays DELETED; no expiry stays ACTIVE', () => {
    expect(effectiveStatus({ status: 'ACTIVE', expiresAt: at('2026-01-02T03:04:04Z') }, now)).toBe('EXPIRED');
    expect(effectiveStatus({ status: 'ACTIVE', expiresAt: now }, now)).toBe('EXPIRED');
    expect(effectiveStatus({ status: 'ACTIVE', expiresAt: at('2026-01-02T03:04:06Z') }, now)).toBe('ACTIVE');
    expect(effectiveStatus({ status: 'ACTIVE', expiresAt: null }, now)).toBe('ACTIVE');
    expect(effectiveStatus({ status: 'DELETED', expiresAt: at('2026-01-01T00:00:00Z') }, now)).toBe('DELETED');
  });
});
