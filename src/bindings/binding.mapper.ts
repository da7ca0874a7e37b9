import type { AxbBindingInfo, AxBindingInfo, AxeBindingInfo, AxybRelationInfo, Flag } from '../platform/wire';
import { fromPlatformTime } from '../shared/time';
import type { BindingRecord } from './binding.record';
import { type CallDirection, callDirectionOfWire, parseWireCallDirection } from './call-direction';

/** What a platform query says about one binding, in mirror terms. Fields the platform does not return are absent. */
export type PlatformView = Pick<BindingRecord, 'privacyNumber' | 'partyA'> &
  Partial<Pick<BindingRecord, 'partyB' | 'numberY' | 'extension' | 'callbackNumber' | 'callDirection' | 'recordCalls' | 'maxCallMinutes' | 'smsEnabled' | 'userData' | 'expiresAt'>> & {
    /** Bind or last-modify time, when the platform reports it. */
    subscribedAt?: Date | null;
  };

const flag = (v: Flag | undefined): boolean | undefined => (v === undefined ? undefined : v === true || v === 'true');
const direction = (v: number | string | undefined): CallDirection | undefined => {
  const wire = parseWireCallDirection(v);
  return wire === undefined ? undefined : callDirectionOfWire(wire);
};
const minutes = (v: number | undefined): number | null | undefined => (v === undefined ? undefined : Number(v) || null);

function expiry(from: Date | null, seconds: number | string | undefined): Date | null | undefined {
  if (seconds === undefined || from === null) return undefined;
  const s = Number(seconds);
  if (!Number.isFinite(s)) return undefined;
  return s > 0 ? new Date(from.getTime() + s * 1000) : null;
}

export function fromAxbInfo(i: AxbBindingInfo): PlatformView {
  const subscribedAt = fromPlatformTime(i.subscribeTime);
  return {
    privacyNumber: i.relationNum,
    partyA: i.callerNum,
    partyB: i.calleeNum,
    callDirection: direction(i.callDirection),
    recordCalls: flag(i.recordFlag),
    maxCallMinutes: minutes(i.maxDuration),
    smsEnabled: i.privateSms === undefined ? undefined : flag(i.privateSms) !== false,
    userData: i.userData ?? undefined,
    expiresAt: expiry(subscribedAt, i.duration),
    subscribedAt,
  };
}

export function fromAxInfo(i: AxBindingInfo): PlatformView {
  return {
    privacyNumber: i.privateNum,
    partyA: i.origNum,
    recordCalls: flag(i.recordFlag),
    maxCallMinutes: minutes(i.maxDuration),
    smsEnabled: i.privateSms === undefined ? undefined : flag(i.privateSms) !== false,
    userData: i.userData ?? undefined,
    subscribedAt: fromPlatformTime(i.subscribeTime),
  };
}

export function fromAxeInfo(i: AxeBindingInfo): PlatformView {
  const subscribedAt = fromPlatformTime(i.subscribeTime);
  const unitSeconds = i.timeUnit === '1' ? 60 : 3600;
  return {
    privacyNumber: i.virtualNum,
    partyA: i.bindNum,
    extension: i.extendNum,
    callbackNumber: i.callbackNum ?? null,
    recordCalls: flag(i.recordFlag),
    userData: i.userData ?? undefined,
    expiresAt: i.bindExpiredTime === undefined ? undefined : expiry(subscribedAt, Number(i.bindExpiredTime) * unitSeconds),
    subscribedAt,
  };
}

export function fromAxybInfo(i: AxybRelationInfo): PlatformView {
  const subscribedAt = fromPlatformTime(i.subscribeTime);
  return {
    privacyNumber: i.numX,
    partyA: i.numA,
    partyB: i.numB || null,
    numberY: i.numY || null,
    callDirection: direction(i.callDirection),
    recordCalls: flag(i.recordFlag),
    userData: i.userData ?? undefined,
    expiresAt: expiry(subscribedAt, i.duration),
    subscribedAt,
  };
}
