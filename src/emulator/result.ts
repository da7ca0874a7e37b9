/**
 * The platform's result codes as the emulator answers them (rest-api.md §4.2): each with the HTTP status it
 * is paired with and its `resultdesc`. Handlers throw `ResultError`; the pipeline turns it into the envelope.
 */
export interface Result {
  readonly httpStatus: number;
  readonly resultcode: string;
  readonly resultdesc: string;
}

const r = (httpStatus: number, resultcode: string, resultdesc: string): Result => ({ httpStatus, resultcode, resultdesc });

export const RESULT = {
  success: r(200, '0', 'Success'),
  noAuthorization: r(400, '1023006', 'Authorization not contained in the HTTP header.'),
  noRealm: r(400, '1023007', 'realm not contained in Authorization.'),
  noProfile: r(400, '1023008', 'profile not contained in Authorization.'),
  badRealm: r(400, '1023009', 'The value of realm in Authorization must be SDP.'),
  badProfile: r(400, '1023010', 'The value of profile in Authorization must be UsernameToken.'),
  badType: r(400, '1023011', 'The value of type in Authorization must be app_key.'),
  noType: r(400, '1023012', 'type not contained in Authorization.'),
  noTokenHeader: r(400, '1023033', 'HTTP header not found X-AKSK field.'),
  noUserName: r(400, '1023034', 'UserName not contained in X-AKSK.'),
  noNonce: r(400, '1023035', 'Nonce not contained in X-AKSK.'),
  noCreated: r(400, '1023036', 'Created not contained in X-AKSK.'),
  noPasswordDigest: r(400, '1023037', 'PasswordDigest not contained in X-AKSK.'),
  invalidDigest: r(401, '1010010', 'Invalid digest.'),
  timeOutLimit: r(401, '1010013', 'Time out limit.'),
  invalidAppKey: r(403, '1010003', 'Invalid app_key.'),
  apiNotAllowed: r(403, '1010040', 'The app_key is not allowed to invoke the API.'),
  ipLocked: r(403, '1020176', 'Authentication failed, try again later'),
  numberNotApplied: r(403, '1012001', 'Resource of number is not to be applied.'),
  recordNotExist: r(403, '1012007', 'The record does not exist.'),
  insufficientNumbers: r(403, '1012008', 'Insufficient number of resources'),
  numberAbnormal: r(403, '1012102', 'The number status is abnormal.'),
  bindingNotExist: r(403, '1016001', 'The record does not exist.'),
  axBindingNotExist: r(403, '1011004', 'The binding relationship does not exist.'),
  recordExists: r(403, '1016002', 'The record already exists.'),
  invalidSessionId: r(403, '1020152', 'Invalid sessionId.'),
  noIdleExtension: r(403, '1020167', 'No idle extend Number.'),
  internalError: r(500, '1010001', 'Internal system error.'),
} as const satisfies Record<string, Result>;

/** Flow control shares 1010010 with "Invalid digest." (rest-api.md §10); its HTTP status is configurable. */
export function flowControlResult(httpStatus: number): Result {
  return r(httpStatus, '1010010', 'The flow control upper limit is reached on the platform.');
}

/** 1010002 naming the offending parameter, e.g. `Invalid request. callerNum is invalid.` */
export function invalidParameter(name: string, reason?: string): Result {
  return r(403, '1010002', `Invalid request. ${name} is invalid.${reason ? ` ${reason}` : ''}`);
}

/** A refusal raised anywhere below the pipeline; carries the exact envelope to send. */
export class ResultError extends Error {
  constructor(readonly result: Result) {
    super(`${result.resultcode} ${result.resultdesc}`);
    this.name = 'ResultError';
  }
}

export function fail(result: Result): never {
  throw new ResultError(result);
}

export function failInvalid(name: string, reason?: string): never {
  throw new ResultError(invalidParameter(name, reason));
}
