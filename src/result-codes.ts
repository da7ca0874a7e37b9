import { ErrorCode, GatewayError } from './errors';
import { type PlatformError, isFlowControl } from './platform';
import { UnreachableCaseError } from './shared/unreachable';

/**
 * Every result code of the platform (rest-api.md §4.2) mapped to a public error code. This table is the one
 * place that decides what a platform refusal means to a GraphQL client; `extensions.platformCode` always
 * carries the original resultcode so nothing is lost.
 */
export interface ResultCodeRule {
  code: ErrorCode;
  /** Whether the same request may succeed if sent again later (unchanged). */
  retryable: boolean;
  /** A sentence for API users; the platform's resultdesc is appended. */
  message: string;
}

const auth = (message: string): ResultCodeRule => ({ code: ErrorCode.Unauthenticated, retryable: false, message });
const forbidden = (message: string): ResultCodeRule => ({ code: ErrorCode.Forbidden, retryable: false, message });

export const RESULT_CODES: Readonly<Record<string, ResultCodeRule>> = {
  '1023006': auth('The platform found no Authorization header'),
  '1023007': auth('The platform found no realm in Authorization'),
  '1023008': auth('The platform found no profile in Authorization'),
  '1023009': auth('The platform requires realm "SDP"'),
  '1023010': auth('The platform requires profile "UsernameToken"'),
  '1023011': auth('The platform requires type "Appkey"'),
  '1023012': auth('The platform found no type in Authorization'),
  '1023033': auth('The platform found no X-AKSK header'),
  '1023034': auth('The platform found no UserName in X-AKSK'),
  '1023035': auth('The platform found no Nonce in X-AKSK'),
  '1023036': auth('The platform found no Created in X-AKSK'),
  '1023037': auth('The platform found no PasswordDigest in X-AKSK'),
  '1010003': auth('The platform does not know this app key; check the app configuration'),
  '1010013': { code: ErrorCode.Unauthenticated, retryable: true, message: 'The platform rejected the request time; check the gateway clock' },
  '1020150': auth('The platform says the app key is invalid'),
  '1010002': { code: ErrorCode.BadUserInput, retryable: false, message: 'The platform rejected a parameter' },
  '1010004': forbidden('The app is not available on the platform'),
  '1010008': forbidden('The app is not in a normal state on the platform'),
  '1010029': forbidden('The platform account is frozen or in arrears'),
  '1010040': forbidden('This app may not use this interface: its mode does not match'),
  '1011001': forbidden('The platform account does not exist'),
  '1020166': forbidden('The gateway address is not on the platform IP allow-list'),
  '1020176': forbidden('The platform locked this address after repeated authentication failures; retry after 30 minutes'),
  '1011004': { code: ErrorCode.NotFound, retryable: false, message: 'The platform has no such binding' },
  '1012007': { code: ErrorCode.NotFound, retryable: false, message: 'The platform has no such record' },
  '1016001': { code: ErrorCode.NotFound, retryable: false, message: 'The platform has no such binding' },
  '1020152': { code: ErrorCode.NotFound, retryable: false, message: 'The platform knows no active call with this session id' },
  '1016002': { code: ErrorCode.Conflict, retryable: false, message: 'A conflicting binding already exists' },
  '1011005': { code: ErrorCode.NumberUnavailable, retryable: true, message: 'No privacy number is free for this request' },
  '1012008': { code: ErrorCode.NumberUnavailable, retryable: true, message: 'No privacy number is free for this request' },
  '1012001': { code: ErrorCode.NumberUnavailable, retryable: false, message: 'The privacy number does not belong to this app' },
  '1012102': { code: ErrorCode.NumberUnavailable, retryable: false, message: 'The privacy number is in an abnormal state' },
  '1020167': { code: ErrorCode.NumberUnavailable, retryable: false, message: 'No free extension is left on the privacy number' },
  '1010001': { code: ErrorCode.PlatformUnavailable, retryable: true, message: 'The platform reported an internal error' },
};

/** The rule for a platform refusal; unknown codes are PLATFORM_REJECTED, never swallowed. */
export function ruleForResult(resultcode: string | undefined, resultdesc: string | undefined): ResultCodeRule {
  if (resultcode === '1010010') {
    return isFlowControl(resultcode, resultdesc)
      ? { code: ErrorCode.RateLimited, retryable: true, message: 'The platform is rate limiting; retry in a minute' }
      : auth('The platform rejected the request signature; check the app secret');
  }
  return (
    (resultcode !== undefined ? RESULT_CODES[resultcode] : undefined) ?? {
      code: ErrorCode.PlatformRejected,
      retryable: false,
      message: 'The platform refused the request',
    }
  );
}

/** Extracts the parameter the platform names in a 1010002 description, e.g. "Invalid request. callerNum is invalid.". */
function platformField(resultdesc: string | undefined): string | undefined {
  const m = /\b([a-z][A-Za-z_]{2,40})\b(?= is invalid| invalid| is required| must)/.exec(resultdesc ?? '');
  return m?.[1];
}

const UNAVAILABLE_TEXT = {
  timeout: 'The platform did not answer in time',
  network: 'The platform could not be reached',
  'bad-response': 'The platform answered badly',
  unavailable: 'The gateway is not calling the platform right now',
} as const;

/**
 * The public form of a platform failure: refusals by the result code table; timeouts, connection failures
 * and malformed answers are PLATFORM_UNAVAILABLE. `retryable` says whether sending the same request again
 * may help (false where a write may already have happened).
 */
export function toGatewayError(err: PlatformError): GatewayError {
  switch (err.kind) {
    case 'rejected': {
      if (err.resultcode === undefined) {
        return new GatewayError(ErrorCode.PlatformRejected, `The platform answered HTTP ${err.httpStatus ?? '?'} to ${err.interfaceName}; check the platform base URL`, {
          httpStatus: err.httpStatus,
          retryable: false,
        });
      }
      const rule = ruleForResult(err.resultcode, err.resultdesc);
      const field = err.resultcode === '1010002' ? platformField(err.resultdesc) : undefined;
      const wait = err.retryAfterSeconds;
      const message = wait === undefined ? rule.message : `The platform is rate limiting; retry in ${wait} s`;
      return new GatewayError(rule.code, `${message} (${err.resultcode}: ${err.resultdesc ?? ''})`, {
        ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
        platformCode: err.resultcode,
        platformMessage: err.resultdesc,
        httpStatus: err.httpStatus,
        retryable: rule.retryable,
        ...(field ? { platformField: field } : {}),
      });
    }
    case 'timeout':
    case 'network':
    case 'bad-response':
    case 'unavailable':
      return new GatewayError(ErrorCode.PlatformUnavailable, `${UNAVAILABLE_TEXT[err.kind]} (${err.kind}${err.reason ? `: ${err.reason}` : ''})`, {
        retryable: err.retryable,
        httpStatus: err.httpStatus,
      });
    default:
      throw new UnreachableCaseError(err.kind);
  }
}
