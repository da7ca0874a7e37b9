import { createHash } from 'node:crypto';
import type { JsonValue } from './json';

/**
 * The canonical text of a JSON value: object keys sorted (recursively), no white space. Two bodies that
 * differ only in key order or formatting have one canonical text, so a retry re-serialized by the platform
 * is still recognised.
 */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, JsonValue>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 hex of the canonical text. */
export function canonicalHash(value: JsonValue): string {
  return sha256Hex(canonicalJson(value));
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
