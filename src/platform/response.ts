import type { Envelope } from './wire';
import { isRead, type Operation } from './operation';
import { INTERNAL_ERROR_CODE, IP_LOCKED_CODE, PlatformError, isFlowControl } from './platform-error';

/** A complete HTTP answer, body read as text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Parses the body as JSON whatever `Content-Type` says (callStop answers `text/html`); undefined if not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The envelope of a parsed body, `resultcode` normalised to a string; undefined when there is none. */
export function readEnvelope(body: unknown): Envelope | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { resultcode, resultdesc } = body as { resultcode?: unknown; resultdesc?: unknown };
  if (typeof resultcode !== 'string' && typeof resultcode !== 'number') return undefined;
  return { resultcode: String(resultcode), resultdesc: typeof resultdesc === 'string' ? resultdesc : '' };
}

/**
 * A refusal by the platform. Safe to send again: flow control (rejected before any work), and for reads an
 * internal error (5xx or 1010001). Never: an IP lock (retrying extends it) or any other business code.
 */
export function rejection(operation: Operation, httpStatus: number, envelope: Envelope): PlatformError {
  const { resultcode, resultdesc } = envelope;
  const serverFault = httpStatus >= 500 || resultcode === INTERNAL_ERROR_CODE;
  const retryable =
    resultcode !== IP_LOCKED_CODE && (isFlowControl(resultcode, resultdesc) || (isRead(operation.method) && serverFault));
  return new PlatformError(operation, { kind: 'rejected', retryable, httpStatus, resultcode, resultdesc });
}

/** An answer without the documented shape; a read may be sent again when the status says the server failed. */
export function badResponse(operation: Operation, httpStatus: number, reason: string): PlatformError {
  const retryable = isRead(operation.method) && httpStatus >= 500;
  return new PlatformError(operation, { kind: 'bad-response', retryable, httpStatus, reason });
}

/**
 * The success body of a JSON interface, or the PlatformError it stands for: `resultcode !== "0"` fails
 * whatever the HTTP status; 404 without an envelope is a wrong URI (rejected, HTTP 404).
 */
export function expectEnvelope<T extends Envelope>(operation: Operation, raw: RawResponse): T {
  const body = parseJson(raw.text);
  const envelope = readEnvelope(body);
  if (envelope === undefined) {
    if (raw.status === 404) return throwError(new PlatformError(operation, { kind: 'rejected', retryable: false, httpStatus: 404 }));
    return throwError(badResponse(operation, raw.status, body === undefined ? 'body is not JSON' : 'no resultcode in body'));
  }
  if (envelope.resultcode !== '0') return throwError(rejection(operation, raw.status, envelope));
  if (raw.status < 200 || raw.status > 299) return throwError(badResponse(operation, raw.status, 'resultcode 0 with a non-2xx status'));
  return { ...(body as object), resultcode: envelope.resultcode, resultdesc: envelope.resultdesc } as T;
}

/** Checks that a success body carries the string fields callers rely on (e.g. a bind's `subscriptionId`). */
export function requireStrings(operation: Operation, status: number, body: object, fields: readonly string[]): void {
  const missing = fields.filter((f) => typeof (body as Record<string, unknown>)[f] !== 'string');
  if (missing.length > 0) throwError(badResponse(operation, status, `success without ${missing.join(', ')}`));
}

/** An `interpret` function for JSON interfaces: the success body, with `required` string fields checked. */
export function envelopeOf<T extends Envelope>(operation: Operation, required: readonly (keyof T & string)[] = []) {
  return (raw: RawResponse): T => {
    const body = expectEnvelope<T>(operation, raw);
    requireStrings(operation, raw.status, body, required);
    return body;
  };
}

/** An `interpret` function for interfaces that answer with the envelope only. */
export function acknowledgementOf(operation: Operation) {
  return (raw: RawResponse): void => {
    expectEnvelope(operation, raw);
  };
}

/** The first value of a response header. */
export function headerValue(raw: RawResponse, name: string): string | undefined {
  const v = raw.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function throwError(error: PlatformError): never {
  throw error;
}
