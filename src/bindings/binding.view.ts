import type { AppConfig } from '../config';
import { UnreachableCaseError } from '../shared/unreachable';
import { type BindingRecord, effectiveStatus } from './binding.record';
import { BindingStatus } from './binding.type';

/**
 * The GraphQL shape of a mirrored binding: the record's fields (all sketch fields) without the mirror's
 * bookkeeping, its app resolved to the configured one, its status made effective at `now`.
 */
export type BindingView = Omit<BindingRecord, 'app' | 'status' | 'updatedAt' | 'seq'> & {
  app: { name: string; mode: BindingRecord['mode']; appKey: string };
  status: BindingStatus;
};

function toStatus(status: BindingRecord['status']): BindingStatus {
  switch (status) {
    case 'ACTIVE':
      return BindingStatus.ACTIVE;
    case 'EXPIRED':
      return BindingStatus.EXPIRED;
    case 'DELETED':
      return BindingStatus.DELETED;
    default:
      throw new UnreachableCaseError(status);
  }
}

export function toBindingView(record: BindingRecord, apps: readonly AppConfig[], now: Date): BindingView {
  const app = apps.find((a) => a.name === record.app);
  const calleeValid = record.temporaryCalleeExpiresAt !== null && record.temporaryCalleeExpiresAt.getTime() > now.getTime();
  return {
    id: record.id,
    mode: record.mode,
    app: { name: record.app, mode: record.mode, appKey: app?.appKey ?? '' },
    privacyNumber: record.privacyNumber,
    status: toStatus(effectiveStatus(record, now)),
    recordCalls: record.recordCalls,
    userData: record.userData,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    partyA: record.partyA,
    partyB: record.partyB,
    numberY: record.numberY,
    extension: record.extension,
    callbackNumber: record.callbackNumber,
    callDirection: record.callDirection,
    maxCallMinutes: record.maxCallMinutes,
    smsEnabled: record.smsEnabled,
    temporaryCallee: calleeValid ? record.temporaryCallee : null,
    temporaryCalleeExpiresAt: calleeValid ? record.temporaryCalleeExpiresAt : null,
  };
}
