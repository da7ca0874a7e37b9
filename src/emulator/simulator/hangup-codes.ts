/**
 * Hang-up reason values (push-api.md Appendix A) as the simulator reports them. Only the text of 0 is the
 * platform's; the others are short English phrases of the documented meaning [U].
 */
const STATE_DESC: Readonly<Record<number, string>> = {
  0: 'The user releases the call.',
  522: 'Platform voice ports are insufficient.',
  7001: 'Developer call frequency control.',
  7002: 'Application call frequency control.',
  7003: 'Display number call frequency control.',
  7004: 'The callee is on the blacklist.',
  7005: 'The caller is on the blacklist.',
  7100: 'The application does not exist.',
  7101: 'The application has no privacy number resources.',
  7102: 'Internal service error.',
  7105: 'Service type mismatch.',
  7106: 'The application lacks the privacy call capability.',
  7107: 'The security control prompt failed to play.',
  7108: 'The user account is frozen.',
  7109: 'Tenant voice ports are insufficient.',
  7500: 'The call prefix is restricted.',
  7501: 'The caller hung up before the callee rang.',
  7502: 'The caller hung up while the callee was ringing.',
  7503: 'The callee rejected the call.',
  7504: 'The call was refused.',
  7505: 'Caller side network abnormal.',
  7506: 'Callee side network abnormal.',
  7507: 'The announcement file does not exist.',
  7508: 'Routing failed.',
  7516: 'The caller hung up before the call was transferred.',
  8006: 'The announcement file does not exist.',
  8007: 'The last minute prompt failed to play.',
  8008: 'Playing the prompt and collecting digits failed.',
  8010: 'The maximum call duration was reached.',
  8011: 'Internal error.',
  8013: 'Invalid AX call: no temporary callee is set.',
  8014: 'Invalid AXB call: no binding.',
  8015: 'Recording failed.',
  8016: 'This call direction is not allowed for the binding.',
  8018: 'No service permission.',
  8019: 'The callback record does not exist.',
  8020: 'Service exception.',
  8022: 'The binding does not exist or has expired.',
  8023: 'A fixed-line number may not call.',
  8024: 'Showing the real caller number is not allowed.',
  8025: 'The dialled number does not exist.',
  8030: 'The AXYB binding does not exist.',
  8031: 'No Y number could be allocated.',
  8032: 'The bound number dialled its own privacy number.',
  8033: 'The received extension is empty.',
  8035: 'The callee did not answer in time.',
  8040: 'Internal error.',
  8041: 'Recording failed.',
  8042: 'International incoming calls are restricted.',
  8043: 'International outgoing calls are restricted.',
  8044: 'Abnormal call duration control.',
  8046: 'Abnormal answer rate control.',
  8047: 'Caller frequency control.',
  8048: 'Callee frequency control.',
  8049: 'Service number frequency control.',
  8050: 'Time of day restriction.',
  8051: 'The sub-enterprise is suspended.',
  8055: 'The privacy number has no call permission.',
  8056: 'Dial test number control.',
  8057: 'Call direction control.',
  8100: 'The callee number does not exist.',
  8101: 'The callee did not answer.',
  8102: 'The callee is busy.',
  8103: 'The callee cannot be reached.',
  8104: 'The callee is powered off or out of coverage.',
  8105: 'The callee line is suspended.',
  8139: 'Other abnormal behaviour.',
};

export function isHangupCode(code: number): boolean {
  return Object.hasOwn(STATE_DESC, code);
}

export function stateDescOf(code: number): string {
  return STATE_DESC[code] ?? 'The call was released.';
}

/** Unanswered endings where the callee never rang: no alerting event, no fwdAlertingTime. */
const NEVER_RANG = new Set([7501, 8100, 8102, 8103, 8104, 8105]);

/** Whether a forwarded call that ends unanswered with `code` rang the callee first. */
export function rangBefore(code: number): boolean {
  return !NEVER_RANG.has(code);
}

/** Q.850 causes (Appendix B) of unanswered endings: unallocated, busy, no answer, absent, rejected, … */
const Q850: Readonly<Record<number, number>> = {
  7501: 16,
  7502: 16,
  7503: 21,
  7504: 21,
  8035: 19,
  8100: 1,
  8101: 19,
  8102: 17,
  8103: 18,
  8104: 20,
  8105: 27,
};

/** SIP statuses of the failed forwarded leg: not found, busy, temporarily unavailable, declined, … */
const SIP_STATUS: Readonly<Record<number, number>> = {
  7501: 487,
  7502: 487,
  7503: 603,
  7504: 603,
  8035: 480,
  8100: 404,
  8101: 480,
  8102: 486,
  8103: 480,
  8104: 480,
  8105: 403,
};

/** Q.850 cause for `fwdUnaswRsn` of a forwarded call left unanswered with `code`; 31 (normal, unspecified) otherwise. */
export function q850Of(code: number): number {
  return Q850[code] ?? 31;
}

/** SIP status for `sipStatusCode` of a forwarded call left unanswered with `code`; 0 when none applies. */
export function sipStatusOf(code: number): number {
  return SIP_STATUS[code] ?? 0;
}
