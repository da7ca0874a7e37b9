import {
  arrayAt,
  fail,
  objectAt,
  optionalInteger,
  optionalString,
  optionalText,
  optionalTime,
  pathOf,
  requiredInteger,
  requiredString,
  withoutUndefined,
  type At,
} from './fields';
import { ownField, type JsonObject, type JsonValue } from './json';
import type { CallRecord } from './push';

/**
 * A CDR body (§3.2): `feeLst` must hold at least one record, and every record must parse, or the whole
 * batch is refused: answering 200 makes the platform delete the CDRs, so none may be dropped silently.
 * More than the documented 50 records is accepted: the limit describes the platform's batching, and the
 * body size limit already bounds the work. Throws FieldError.
 */
export function parseCdrBatch(body: JsonObject): CallRecord[] {
  const list = arrayAt({ obj: body, path: '' }, 'feeLst', 1);
  return list.map((item, index) => parseFeeInfo(item, `feeLst[${index}]`));
}

/**
 * One FeeInfo (§3.3). Required as documented [C]: sessionId, direction, spId, appKey, bindNum, callerNum.
 * Fields documented as required only [U] (calleeNum) are optional here.
 */
function parseFeeInfo(item: JsonValue, path: string): CallRecord {
  const at = objectAt(item, path);
  return withoutUndefined<CallRecord>({
    sessionId: requiredString(at, 'sessionId'),
    direction: requiredInteger(at, 'direction'),
    spId: requiredString(at, 'spId'),
    appKey: requiredString(at, 'appKey'),
    bindNum: requiredString(at, 'bindNum'),
    callerNum: requiredString(at, 'callerNum'),
    icid: optionalString(at, 'icid'),
    subscriptionId: optionalString(at, 'subscriptionId'),
    calleeNum: optionalString(at, 'calleeNum'),
    fwdDisplayNum: optionalString(at, 'fwdDisplayNum'),
    fwdDstNum: optionalString(at, 'fwdDstNum'),
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
  CallRecord,
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

type RecordingFields = Pick<CallRecord, 'recordObjectName' | 'recordBucketName' | 'recordDomain' | 'recordFileDownloadUrl'>;

function recording(at: At): RecordingFields {
  return {
    recordObjectName: optionalString(at, 'recordObjectName'),
    recordBucketName: optionalString(at, 'recordBucketName'),
    recordDomain: optionalString(at, 'recordDomain'),
    recordFileDownloadUrl: optionalString(at, 'recordFileDownloadUrl'),
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
