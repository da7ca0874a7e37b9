import { checkStorable } from './body-scan';
import { describeValue } from './describe-value';
import { FieldError, fail } from './fields';
import { isJsonObject, ownField, type JsonObject, type JsonValue } from './json';
import { WIRE_CALL_EVENT_TYPES, type WireCallEventType } from '../platform/push-wire';
import { parseCallEvent } from './parse-call-event';
import { parseCdrBatch } from './parse-cdr';
import { parseNumberStatus } from './parse-number-status';
import { parseSms } from './parse-sms';
import type { ParseResult, Push, PushParseError } from './push';

/** Path of errors about the body as a whole. */
export const BODY_PATH = '(body)';

export interface ParsePushOptions {
  /**
   * Used as the event time of a call event or SMS whose time field is absent or empty (it is documented
   * but not marked required). Without it such a push is refused.
   */
  receivedAt?: Date;
}

/**
 * Parses a raw push body (UTF-8 JSON, a leading BOM ignored) into a {@link Push}, told apart by shape as
 * push-api.md §0 lists it: `eventType: "fee"` → CDR batch; `"numStatus"` → number status; a `smsEvent` key
 * → SMS; any other known `eventType` → call event. Unknown fields are ignored. Never throws: malformed
 * JSON, an unknown kind or a bad field give `{ ok: false, error }` with the field path, what was expected
 * and a masked description of what was found.
 */
export function parsePush(rawBody: Buffer | string, options: ParsePushOptions = {}): ParseResult {
  try {
    const body = decodeBody(rawBody);
    return { ok: true, push: parseBody(body, options.receivedAt) };
  } catch (err) {
    return { ok: false, error: toParseError(err) };
  }
}

/** `path: expected …, got …`: one line for a log. */
export function formatPushParseError(error: PushParseError): string {
  return `${error.path}: expected ${error.expected}, got ${error.got}`;
}

function decodeBody(rawBody: Buffer | string): JsonObject {
  const text = (typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.trim() === '') fail(BODY_PATH, 'JSON object', '');
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    // The parser's message quotes the body, which may hold numbers: report only the size.
    throw new FieldError({ path: BODY_PATH, expected: 'JSON object', got: `malformed JSON (${text.length} characters)` });
  }
  if (!isJsonObject(value)) fail(BODY_PATH, 'JSON object', value);
  return value;
}

function parseBody(body: JsonObject, receivedAt: Date | undefined): Push {
  const eventType = ownField(body, 'eventType');
  const word = typeof eventType === 'string' ? eventType.trim().toLowerCase() : undefined;
  checkStorable(body, '', 0, word === 'fee' ? 'feeLst' : undefined);
  if (word === 'fee') return { kind: 'cdrBatch', ...parseCdrBatch(body) };
  if (word === 'numstatus') return { kind: 'numberStatus', changes: parseNumberStatus(body) };
  if (ownField(body, 'smsEvent') !== undefined) return { kind: 'sms', sms: parseSms(body, receivedAt) };
  if (eventType === undefined) fail('eventType', 'eventType (call event, fee, numStatus) or smsEvent', eventType);
  const type = callEventType(word);
  if (type === undefined) fail('eventType', `one of ${[...WIRE_CALL_EVENT_TYPES, 'fee', 'numStatus'].join(', ')}`, eventType);
  return { kind: 'callEvent', event: parseCallEvent(body, type, receivedAt) };
}

/** `word` is trimmed and lower-cased: the platform's case is documented for field names, not values [U]. */
function callEventType(word: string | undefined): WireCallEventType | undefined {
  return WIRE_CALL_EVENT_TYPES.find((type) => type.toLowerCase() === word);
}

function toParseError(err: unknown): PushParseError {
  if (err instanceof FieldError) return err.detail;
  // Not expected: a bug in a reader must still not turn into a thrown error at the HTTP edge.
  return { path: BODY_PATH, expected: 'a parsable push', got: `internal error (${describeValue(errorName(err))})` };
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
