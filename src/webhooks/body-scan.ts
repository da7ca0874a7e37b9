import { fail, pathOf } from './fields';
import type { JsonValue } from './json';

/** Longest string anywhere in a body, fields the gateway reads or not (they are stored in `raw`). */
export const MAX_ANY_STRING = 16_384;
/** Deepest nesting of arrays and objects in a body. */
export const MAX_DEPTH = 16;

/** NUL (refused by PostgreSQL text and jsonb) and UTF-16 surrogates that are not part of a pair. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks every string (keys too) of a body for what the store would refuse or should never hold: a NUL, a
 * lone surrogate, a string longer than {@link MAX_ANY_STRING}, nesting deeper than {@link MAX_DEPTH}.
 * `skip` names a top-level key whose items are checked one by one by their own parser (a CDR batch's
 * `feeLst`, so one bad record does not condemn the others). Throws FieldError.
 */
export function checkStorable(value: JsonValue, path = '', depth = 0, skip?: string): void {
  if (typeof value === 'string') {
    if (value.length > MAX_ANY_STRING) fail(path || '(body)', `at most ${MAX_ANY_STRING} characters`, `${value.length} characters`);
    if (UNSTORABLE.test(value)) fail(path || '(body)', 'text without NUL or unpaired surrogates', 'unstorable characters');
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_DEPTH) fail(path || '(body)', `at most ${MAX_DEPTH} levels of nesting`, 'deeper nesting');
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkStorable(item, `${path}[${i}]`, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = pathOf(path, key);
    if (key.length > MAX_ANY_STRING || UNSTORABLE.test(key)) fail(at, 'a storable key', 'unstorable key');
    if (depth === 0 && key === skip) continue;
    checkStorable(item, at, depth + 1);
  }
}
