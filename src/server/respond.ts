import type { ServerResponse } from 'node:http';

/** Writes a JSON answer with the given status (UTF-8, no caching). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** 404 for paths no route serves. */
export function sendNotFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'NOT_FOUND', message: 'No such route' });
}

/** 405 naming the methods the route accepts. */
export function sendMethodNotAllowed(res: ServerResponse, allow: readonly string[]): void {
  sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `Use ${allow.join(' or ')}` }, { allow: allow.join(', ') });
}
