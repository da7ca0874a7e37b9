import { ErrorCode } from './errors';

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

/** 1010010 is both "Invalid digest." and the flow-control refusal; the text tells them apart. */
export const FLOW_CONTROL_CODE = '1010010';
export function isFlowControl(resultcode: string | undefined, resultdesc: string | undefined): boolean {
  return resultcode === FLOW_CONTROL_CODE && /flow control/i.test(resultdesc ?? '');
}

/** The rule for a platform refusal; unknown codes are PLATFORM_REJECTED, never swallowed. */
export function ruleForResult(resultcode: string | undefined, resultdesc: string | undefined): ResultCodeRule {
  if (resultcode === FLOW_CONTROL_CODE) {
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
