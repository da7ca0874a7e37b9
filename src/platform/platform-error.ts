import { maskPhones } from '../shared/phone';
import type { HttpMethod, Operation } from './operation';

/**
 * What went wrong with one platform call.
 * - `rejected`: the platform answered with `resultcode !== "0"`, or 404 without an envelope (wrong URI).
 * - `timeout`: no complete answer within the deadline.
 * - `network`: the connection failed (refused before sending, or reset while waiting).
 * - `bad-response`: an answer that is not the documented shape (not JSON, no envelope, no Location).
 * - `unavailable`: refused by this client before anything was sent: the circuit to the platform is open, the
 *   queue for a platform slot is full, or the client is shutting down (`reason` says which).
 */
export type PlatformErrorKind = 'rejected' | 'timeout' | 'network' | 'bad-response' | 'unavailable';

export interface PlatformErrorDetails {
  kind: PlatformErrorKind;
  /**
   * True only when sending the same request again cannot do harm: reads, failures before the request left
   * this process, flow control. False when a write may have reached the platform and its outcome is unknown.
   */
  retryable: boolean;
  httpStatus?: number;
  resultcode?: string;
  resultdesc?: string;
  /** A short technical reason for timeouts, network and shape errors (no personal data). */
  reason?: string;
  /** Flow control: when sending again may work, seconds (the configured `flowControlWaitMs`). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** The one error type of the platform client. Messages mask phone numbers; fields keep the platform's text. */
export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly resultcode?: string;
  readonly resultdesc?: string;
  readonly interfaceName: string;
  readonly method: HttpMethod;
  readonly uri: string;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;

  constructor(operation: Operation, details: PlatformErrorDetails) {
    super(describe(operation, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PlatformError';
    this.kind = details.kind;
    this.retryable = details.retryable;
    this.httpStatus = details.httpStatus;
    this.resultcode = details.resultcode;
    this.resultdesc = details.resultdesc;
    this.interfaceName = operation.name;
    this.method = operation.method;
    this.uri = operation.uri;
    this.reason = details.reason;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** The same failure with more details (e.g. `retryAfterSeconds`), for layers that learn more than the reader of the answer. */
  with(operation: Operation, more: Partial<PlatformErrorDetails>): PlatformError {
    const { kind, retryable, httpStatus, resultcode, resultdesc, reason, retryAfterSeconds } = this;
    return new PlatformError(operation, { kind, retryable, httpStatus, resultcode, resultdesc, reason, retryAfterSeconds, cause: this.cause, ...more });
  }
}

function describe(operation: Operation, d: PlatformErrorDetails): string {
  const where = `${operation.name} (${operation.method} ${operation.uri})`;
  const status = d.httpStatus === undefined ? '' : ` HTTP ${d.httpStatus}`;
  const code = d.resultcode === undefined ? '' : ` ${d.resultcode}`;
  const desc = d.resultdesc === undefined ? '' : ` ${maskPhones(d.resultdesc)}`;
  const reason = d.reason === undefined ? '' : ` ${maskPhones(d.reason)}`;
  return `${where} ${d.kind}:${status}${code}${desc}${reason}`;
}

/** `1010010` is both "Invalid digest." and the flow-control refusal (rest-api.md §10); the text tells them apart. */
export function isFlowControl(resultcode: string | undefined, resultdesc: string | undefined): boolean {
  return resultcode === '1010010' && /flow control/i.test(resultdesc ?? '');
}

/**
 * Whether a failure says the platform itself is in trouble (it counts toward opening the circuit): no
 * complete answer, a broken connection, an answer of the wrong shape, a 5xx or "Internal system error.".
 * A business refusal ("no such binding", a bad parameter), flow control and this client's own refusals never count.
 */
export function isPlatformFault(err: PlatformError): boolean {
  switch (err.kind) {
    case 'timeout':
    case 'network':
    case 'bad-response':
      return true;
    case 'rejected':
      return !isFlowControl(err.resultcode, err.resultdesc) && ((err.httpStatus ?? 0) >= 500 || err.resultcode === INTERNAL_ERROR_CODE);
    case 'unavailable':
      return false;
  }
}

/** IP locked after repeated authentication failures (30 minutes): retrying only extends the lock. */
export const IP_LOCKED_CODE = '1020176';
/** "Internal system error.": the platform failed; a read may be sent again. */
export const INTERNAL_ERROR_CODE = '1010001';
