import {
  arrayAt,
  fail,
  MAX_LONG_TEXT,
  objectAt,
  optionalId,
  optionalInteger,
  optionalPhone,
  optionalString,
  optionalText,
  optionalTime,
  pathOf,
  requiredId,
  requiredInteger,
  requiredPhone,
  withoutUndefined,
  type At,
} from './fields';
import { ownField, type JsonObject, type JsonValue } from './json';
import { checkStorable } from './body-scan';
import { FieldError } from './fields';
import type { CdrPush, RejectedRecord } from './push';

/**
 * A CDR body (§3.2): `feeLst` must hold at least one record (else the body is not a CDR batch: FieldError).
 * Each record parses on its own: the good ones are `records`, the others `rejected` with why, so one bad
 * record out of 50 is dead-lettered alone (answering 200 makes the platform delete the CDRs, so none may be
 * dropped silently, and refusing the batch would lose all of them after the last retry). More than the
 * documented 50 records is accepted: the body size limit bounds the work.
 */
export function parseCdrBatch(body: JsonObject): { records: CdrPush[]; rejected: RejectedRecord[] } {
  const list = arrayAt({ obj: body, path: '' }, 'feeLst', 1);
  const records: CdrPush[] = [];
  const rejected: RejectedRecord[] = [];
  list.forEach((item, index) => {
    const path = `feeLst[${index}]`;
    try {
      checkStorable(item, path, 1);
      records.push(parseFeeInfo(item, path));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      rejected.push({ index, raw: item, error: err.detail });
    }
  });
  return { records, rejected };
}

/**
 * One FeeInfo (§3.3). Required as documented [C]: sessionId, direction, spId, appKey, bindNum, callerNum.
 * Fields documented as required only [U] (calleeNum) are optional here.
 */
function parseFeeInfo(item: JsonValue, path: string): CdrPush {
  const at = objectAt(item, path);
  return withoutUndefined<CdrPush>({
    sessionId: requiredId(at, 'sessionId'),
    direction: requiredInteger(at, 'direction'),
    spId: requiredId(at, 'spId'),
    appKey: requiredId(at, 'appKey'),
    bindNum: requiredPhone(at, 'bindNum'),
    callerNum: requiredPhone(at, 'callerNum'),
    icid: optionalId(at, 'icid'),
    subscriptionId: optionalId(at, 'subscriptionId'),
    calleeNum: optionalPhone(at, 'calleeNum'),
    fwdDisplayNum: optionalPhone(at, 'fwdDisplayNum'),
    fwdDstNum: optionalPhone(at, 'fwdDstNum'),
    ...times(at),
    fwdUnaswRsn: optionalInteger(at, 'fwdUnaswRsn'),
    ulFailReason: optionalInteger(at, 'ulFailReason'),
    sipStatusCode: optionalInteger(at, 'sipStatusCode'),
    callOutUnaswRsn: optionalInteger(at, 'callOutUnaswRsn'),
    recordFlag: readRecordFlag(at),
    ...recording(at),
    ttsPlayTimes: optionalInteger(at, 'ttsPlayTimes'),
    ttsTransDuration: optionalInteger(at, 'ttsTransDuration'),
    mptyId: optionalText(at, 'mptyId'),
    serviceType: optionalText(at, 'serviceType'),
    hostName: optionalString(at, 'hostName'),
    userData: optionalString(at, 'userData'),
    extendNum: optionalText(at, 'extendNum'),
    callRelDirection: optionalText(at, 'callRelDirection'),
    raw: at.obj,
  });
}

type RecordTimes = Pick<
  CdrPush,
  'callInTime' | 'fwdStartTime' | 'fwdAlertingTime' | 'fwdAnswerTime' | 'callEndTime' | 'failTime' | 'recordStartTime'
>;

function times(at: At): RecordTimes {
  return {
    callInTime: optionalTime(at, 'callInTime'),
    fwdStartTime: optionalTime(at, 'fwdStartTime'),
    fwdAlertingTime: optionalTime(at, 'fwdAlertingTime'),
    fwdAnswerTime: optionalTime(at, 'fwdAnswerTime'),
    callEndTime: optionalTime(at, 'callEndTime'),
    failTime: optionalTime(at, 'failTime'),
    recordStartTime: optionalTime(at, 'recordStartTime'),
  };
}

type RecordingFields = Pick<CdrPush, 'recordObjectName' | 'recordBucketName' | 'recordDomain' | 'recordFileDownloadUrl'>;

function recording(at: At): RecordingFields {
  return {
    recordObjectName: optionalString(at, 'recordObjectName'),
    recordBucketName: optionalString(at, 'recordBucketName'),
    recordDomain: optionalString(at, 'recordDomain'),
    recordFileDownloadUrl: optionalString(at, 'recordFileDownloadUrl', MAX_LONG_TEXT),
  };
}

/** Documented 0/1; tolerated [U]: "0"/"1", true/false, "true"/"false". Absent means not recorded. */
function readRecordFlag(at: At): boolean {
  const value = ownField(at.obj, 'recordFlag');
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  const n = optionalInteger(at, 'recordFlag');
  if (n === undefined || n === 0) return false;
  if (n === 1) return true;
  return fail(pathOf(at.path, 'recordFlag'), '0 or 1', value);
}
