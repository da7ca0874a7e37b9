import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config';
import { type AuthScheme, signedHeaders } from '../../src/platform/signing';

/** A push body from test/fixtures/pushes (the examples of push-api.md). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '../fixtures/pushes', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/**
 * POSTs a push to `/webhooks/<app>` as the platform does: JSON body, `application/json;charset=UTF-8`,
 * signed with the app's key and secret unless `sign` is false.
 */
export async function push(
  baseUrl: string,
  app: Pick<AppConfig, 'name' | 'appKey' | 'appSecret'>,
  body: unknown,
  options: { sign?: boolean; scheme?: AuthScheme; secret?: string } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' };
  if (options.sign ?? true) Object.assign(headers, signedHeaders(options.scheme ?? 'aksk', app.appKey, options.secret ?? app.appSecret));
  const res = await fetch(`${baseUrl}/webhooks/${app.name}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}
