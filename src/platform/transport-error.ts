import { isRead, type Operation } from './operation';
import { PlatformError } from './platform-error';

/**
 * Error codes that mean the request never left this process: no connection was made, so sending it again is
 * safe for every method, bind POSTs included. Anything else (reset, "other side closed", header or body
 * timeout, our own deadline) may have happened after the platform read the request.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The `code` of a Node or undici error; an AggregateError (happy eyeballs) gives its first inner code. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const inner = (err as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCode(inner[0]) : undefined;
}

/**
 * Turns an exception thrown by undici into a PlatformError. `deadlinePassed` is true when our own per-attempt
 * AbortSignal fired. A write whose outcome is unknown is reported with `retryable: false`.
 */
export function fromTransportError(operation: Operation, err: unknown, deadlinePassed: boolean): PlatformError {
  if (err instanceof PlatformError) return err;
  const code = errorCode(err);
  if (code !== undefined && NOT_SENT_CODES.has(code)) {
    return new PlatformError(operation, { kind: 'network', retryable: true, reason: `${code} (not sent)`, cause: err });
  }
  const read = isRead(operation.method);
  if (deadlinePassed || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new PlatformError(operation, { kind: 'timeout', retryable: read, reason: code ?? 'deadline passed', cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new PlatformError(operation, { kind: 'network', retryable: read, reason: code ?? message, cause: err });
}
