import type { FeeInfo } from '../../platform/push-wire';
import { timeAt, type CallContext } from './call-context';
import type { WireCallEventType } from '../../platform/push-wire';
import { q850Of, sipStatusOf } from './hangup-codes';

/** How a call went: the platform second each event was reached, and the hang-up code of its disconnect. */
export interface CallSummary {
  readonly reached: Readonly<Partial<Record<WireCallEventType, number>>>;
  readonly code: number;
}

/** The recording an answered call on a recording binding made. */
export interface RecordingRef {
  readonly fileName: string;
  readonly recordDomain: string;
  readonly recordBucketName: string;
}

export interface CdrExtras {
  readonly icid: string;
  readonly hostName: string;
  readonly recording?: RecordingRef;
}

/**
 * One call's CDR (push-api.md §3.3–3.5). Times of moments not reached are empty on a forwarded call and
 * absent on a refused one. Unanswered: fwdUnaswRsn is the Q.850 cause, failTime the end, ulFailReason the
 * hang-up code (the teardown points share its values). Answered: 0 / 0, or ulFailReason 8010 at maxDuration.
 */
export function buildFeeInfo(call: CallContext, summary: CallSummary, extras: CdrExtras): FeeInfo {
  const { route } = call;
  const { reached, code } = summary;
  const time = (e: WireCallEventType): string => (reached[e] === undefined ? '' : timeAt(call, reached[e]));
  const end = time('disconnect');
  const answered = reached.answer !== undefined;
  const forwarded = route.kind === 'connect' && reached.callout !== undefined;
  const extendNum = route.binding?.extendNum ?? route.digits;
  return {
    direction: route.direction,
    spId: call.app.spId,
    appKey: call.app.appKey,
    icid: extras.icid,
    bindNum: call.dialled,
    sessionId: call.sessionId,
    subscriptionId: route.binding?.subscriptionId ?? '',
    callerNum: call.caller,
    calleeNum: call.dialled,
    ...(forwarded && route.kind === 'connect' ? { fwdDisplayNum: route.display, fwdDstNum: route.destination } : {}),
    callInTime: time('callin'),
    ...(forwarded ? { fwdStartTime: time('callout'), fwdAlertingTime: time('alerting'), fwdAnswerTime: time('answer') } : {}),
    callEndTime: end,
    fwdUnaswRsn: answered || !forwarded ? 0 : q850Of(code),
    ...(answered ? {} : { failTime: end }),
    ulFailReason: answered ? (code === 8010 ? 8010 : 0) : code,
    sipStatusCode: answered || !forwarded ? 0 : sipStatusOf(code),
    ...recordingFields(call, summary, extras.recording),
    ttsPlayTimes: 0,
    ttsTransDuration: 0,
    serviceType: '003',
    hostName: extras.hostName,
    ...(route.binding?.userData !== undefined ? { userData: route.binding.userData } : {}),
    ...(call.app.mode === 'AXE' && extendNum !== undefined ? { extendNum } : {}),
  };
}

function recordingFields(call: CallContext, summary: CallSummary, rec: RecordingRef | undefined): Partial<FeeInfo> {
  if (!rec || summary.reached.answer === undefined) return { recordFlag: 0 };
  return {
    recordFlag: 1,
    recordStartTime: timeAt(call, summary.reached.answer),
    recordObjectName: rec.fileName,
    recordDomain: rec.recordDomain,
    recordBucketName: rec.recordBucketName,
  };
}
