import { describeValue } from './describe-value';
import { isJsonObject, ownField, type JsonObject, type JsonValue } from './json';
import type { PushParseError } from './push';
import { isAbsentTime, parsePushTime } from './push-time';
import { isGlobalPhone } from '../shared/phone';

/**
 * Length bounds of string fields, characters. Identifiers become unique keys (an index row is limited to
 * about 2.7 KB), text is bounded so a push cannot store megabytes in one field.
 */
export const MAX_ID = 256;
export const MAX_TEXT = 2048;
/** SMS content and recording URLs. */
export const MAX_LONG_TEXT = 8192;
/** Integer fields are `integer` columns. */
const INT_MAX = 2_147_483_647;
/** Control characters (C0, DEL, C1) and bidirectional formatting characters: never in an identifier. */
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Field readers for the push parsers. A reader either returns the normalized value or throws
 * {@link FieldError}; `parsePush` turns that into a `PushParseError` result, so parsers read as a list of
 * fields instead of a chain of result checks. Tolerance follows push-api.md: `null` and `""` mean absent
 * for optional fields, Integer fields accept digit strings [U], [U]-typed text fields accept numbers.
 */
export class FieldError extends Error {
  constructor(readonly detail: PushParseError) {
    super(`${detail.path}: expected ${detail.expected}, got ${detail.got}`);
    this.name = 'FieldError';
  }
}

export function fail(path: string, expected: string, value: unknown): never {
  throw new FieldError({ path, expected, got: describeValue(value) });
}

/** `prefix.key`, or `key` at the top level. */
export function pathOf(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** Where an object sits, for reading its fields with paths. */
export interface At {
  obj: JsonObject;
  path: string;
}

export function objectAt(value: JsonValue | undefined, path: string): At {
  if (!isJsonObject(value)) fail(path, 'object', value);
  return { obj: value, path };
}

function isAbsent(value: JsonValue | undefined): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

function bounded(at: At, key: string, value: string, max: number): string {
  if (value.length > max) fail(pathOf(at.path, key), `at most ${max} characters`, `${value.length} characters`);
  return value;
}

/** A non-blank string of at most `max` characters, kept as sent. */
export function requiredString(at: At, key: string, max = MAX_TEXT): string {
  const value = ownField(at.obj, key);
  if (typeof value !== 'string' || value.trim() === '') fail(pathOf(at.path, key), 'non-empty string', value);
  return bounded(at, key, value, max);
}

/** A string of at most `max` characters, or undefined when absent, null or empty. */
export function optionalString(at: At, key: string, max = MAX_TEXT): string | undefined {
  const value = ownField(at.obj, key);
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'string') fail(pathOf(at.path, key), 'string', value);
  return bounded(at, key, value, max);
}

/** An identifier (session, binding, SMS id): at most {@link MAX_ID} characters, no control or bidi characters. */
export function requiredId(at: At, key: string): string {
  return plainId(at, key, requiredString(at, key, MAX_ID));
}

export function optionalId(at: At, key: string): string | undefined {
  const value = optionalString(at, key, MAX_ID);
  return value === undefined ? undefined : plainId(at, key, value);
}

function plainId(at: At, key: string, value: string): string {
  if (CONTROL_OR_BIDI.test(value)) fail(pathOf(at.path, key), 'identifier without control or bidi characters', value);
  return value;
}

const PHONE_EXPECTED = 'phone number in global format (+ then 8-15 digits)';

/** A party or X number, checked like the GraphQL PhoneNumber scalar (so no control or bidi character). */
export function requiredPhone(at: At, key: string): string {
  const value = ownField(at.obj, key);
  if (typeof value !== 'string' || !isGlobalPhone(value)) fail(pathOf(at.path, key), PHONE_EXPECTED, value);
  return value;
}

export function optionalPhone(at: At, key: string): string | undefined {
  const value = ownField(at.obj, key);
  if (isAbsent(value)) return undefined;
  return requiredPhone(at, key);
}

/** For fields whose type is [U]: a string, or a finite number kept as its decimal text. */
export function optionalText(at: At, key: string): string | undefined {
  const value = ownField(at.obj, key);
  if (isAbsent(value)) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') fail(pathOf(at.path, key), 'string or number', value);
  return bounded(at, key, value, MAX_TEXT);
}

const INTEGER_TEXT = /^\s*[-+]?\d{1,15}\s*$/;

function toInteger(value: JsonValue): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : undefined;
  return n !== undefined && Number.isSafeInteger(n) && Math.abs(n) <= INT_MAX ? n : undefined;
}

/** An Integer field: a JSON integer, or a string of digits [U], within the range of an `integer` column. */
export function requiredInteger(at: At, key: string): number {
  const value = ownField(at.obj, key);
  const n = value === undefined || value === null ? undefined : toInteger(value);
  if (n === undefined) fail(pathOf(at.path, key), 'integer', value);
  return n;
}

export function optionalInteger(at: At, key: string): number | undefined {
  const value = ownField(at.obj, key);
  if (isAbsent(value)) return undefined;
  const n = toInteger(value);
  if (n === undefined) fail(pathOf(at.path, key), 'integer', value);
  return n;
}

const TIME_EXPECTED = 'time "yyyy-MM-dd HH:mm:ss" (UTC)';

/** An optional time: null when absent, empty or all zeros; an error when present but not a time. */
export function optionalTime(at: At, key: string): Date | null {
  const value = ownField(at.obj, key);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && isAbsentTime(value)) return null;
  const date = typeof value === 'string' || typeof value === 'number' ? parsePushTime(value) : null;
  if (!date) fail(pathOf(at.path, key), TIME_EXPECTED, value);
  return date;
}

/**
 * The time of an event: the value sent, else `receivedAt` when the platform left it out (it is documented,
 * but not marked required). Without `receivedAt` an absent time is an error.
 */
export function eventTime(at: At, key: string, receivedAt: Date | undefined): Date {
  const date = optionalTime(at, key);
  if (date) return date;
  if (receivedAt) return receivedAt;
  return fail(pathOf(at.path, key), TIME_EXPECTED, ownField(at.obj, key));
}

/**
 * One of a fixed set of wire words, matched after trimming and ignoring case [U]; returns the canonical
 * spelling. `choices` maps each canonical word to its normalized value.
 */
export function oneOf<T>(value: JsonValue | undefined, path: string, choices: Readonly<Record<string, T>>): T {
  if (typeof value === 'string') {
    const wanted = value.trim().toLowerCase();
    for (const word of Object.keys(choices)) if (word.toLowerCase() === wanted) return choices[word];
  }
  return fail(path, `one of ${Object.keys(choices).join(', ')}`, value);
}

/** An array field of `min` or more items. */
export function arrayAt(at: At, key: string, min: number): JsonValue[] {
  const value = ownField(at.obj, key);
  if (!Array.isArray(value)) fail(pathOf(at.path, key), 'array', value);
  if (value.length < min) fail(pathOf(at.path, key), `at least ${min} item(s)`, value);
  return value;
}

/** Drops keys whose value is undefined, so normalized objects compare and serialize cleanly. */
export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
