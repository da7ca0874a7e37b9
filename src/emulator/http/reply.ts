import type { Result } from '../result';

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';
/** The documented content type of callStop answers (rest-api.md §8.4); the body is still JSON. */
export const HTML_CONTENT_TYPE = 'text/html;charset=UTF-8';

/**
 * What the emulator sends for one request. Every kind is written with `Connection: close` and the socket is
 * closed after it (short connections, rest-api.md §1), except `drop`, which closes without answering.
 */
export type Reply =
  | { kind: 'json'; status: number; body: Record<string, unknown>; contentType?: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'binary'; status: number; contentType: string; body: Buffer }
  | { kind: 'empty'; status: number }
  | { kind: 'drop' };

/** A success envelope with interface-specific fields. */
export function ok(fields: Record<string, unknown> = {}): Reply {
  return { kind: 'json', status: 200, body: { resultcode: '0', resultdesc: 'Success', ...fields } };
}

/** An error envelope with the HTTP status the result code is paired with. */
export function refuse(result: Result, contentType?: string): Reply {
  const body = { resultcode: result.resultcode, resultdesc: result.resultdesc };
  return contentType ? { kind: 'json', status: result.httpStatus, body, contentType } : { kind: 'json', status: result.httpStatus, body };
}
