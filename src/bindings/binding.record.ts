import type { BindingModeName } from '../config';
import type { CallDirection } from './call-direction';

/** What the mirror stores about one binding (table `bindings`). The platform stays the source of truth. */
export type StoredBindingStatus = 'ACTIVE' | 'EXPIRED' | 'DELETED';

export interface BindingRecord {
  /** The platform's subscriptionId. */
  id: string;
  app: string;
  mode: BindingModeName;
  /** X. */
  privacyNumber: string;
  partyA: string;
  partyB: string | null;
  /** AXYB: Y, shown to A as B's number. */
  numberY: string | null;
  /** AXE: the extension. */
  extension: string | null;
  callbackNumber: string | null;
  callDirection: CallDirection;
  recordCalls: boolean;
  maxCallMinutes: number | null;
  smsEnabled: boolean;
  userData: string | null;
  temporaryCallee: string | null;
  temporaryCalleeExpiresAt: Date | null;
  status: StoredBindingStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Null = no expiry. */
  expiresAt: Date | null;
  /** Insertion order, the basis of paging cursors. */
  seq: number;
}

/** A stored ACTIVE binding past its expiry is EXPIRED, whether or not anything has noticed yet. */
export function effectiveStatus(record: Pick<BindingRecord, 'status' | 'expiresAt'>, now: Date): StoredBindingStatus {
  if (record.status === 'ACTIVE' && record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return record.status;
}
