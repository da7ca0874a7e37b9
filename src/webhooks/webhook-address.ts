import type { AppConfig } from '../config';

/**
 * Where the platform must push for this app: `<base>/webhooks/<name>`, or `<base>/webhooks/<name>/<token>`
 * with `webhookPathToken`. This is the address for the platform console (every push kind) and the one the
 * sandbox emulator is seeded with. It carries a secret: print it for the operator, never log it.
 */
export function webhookUrl(baseUrl: string, app: Pick<AppConfig, 'name' | 'webhookPathToken'>): string {
  const path = `/webhooks/${encodeURIComponent(app.name)}`;
  return `${baseUrl}${app.webhookPathToken === null ? path : `${path}/${app.webhookPathToken}`}`;
}
