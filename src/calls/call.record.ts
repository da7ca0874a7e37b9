import type { WireCallEventType } from '../platform/push-wire';
import type { CallSnapshot } from './call-state';

/** A call as its pushes make it, built from events and the CDR: what ingest computes and writes. */
export interface CallFields extends CallSnapshot {
  sessionId: string;
  app: string;
  bindingId: string | null;
  privacyNumber: string | null;
  caller: string | null;
  callee: string | null;
  durationSeconds: number | null;
  hasRecord: boolean;
}

/** A row of `calls`: the call as the gateway knows it, with the order the store gave it (the page cursor). */
export interface CallRow extends CallFields {
  seq: number;
}

/** A row of `call_events`. */
export interface CallEventRow {
  sessionId: string;
  /** Stored as the platform sent it. */
  type: WireCallEventType;
  occurredAt: Date;
  caller: string | null;
  called: string | null;
  bindingId: string | null;
  stateCode: number | null;
  stateDesc: string | null;
  digits: string | null;
  logCursor: string;
}

/** A row of `call_records`: one CDR. */
export interface CallRecordRow {
  recordKey: string;
  sessionId: string;
  app: string;
  icid: string | null;
  bindingId: string | null;
  direction: number;
  privacyNumber: string;
  caller: string;
  callee: string | null;
  forwardedTo: string | null;
  callStartedAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number;
  failureCause: number | null;
  teardownPoint: number | null;
  recorded: boolean;
  recordObjectName: string | null;
  recordDomain: string | null;
  recordDownloadUrl: string | null;
  userData: string | null;
  receivedAt: Date;
}
