import type { AuthConfig, Config } from '../config';

/**
 * The start-up banner: where GraphiQL is, which mode, which apps (names, modes, keys; never secrets).
 * Plain text for people; the same facts are also logged as one JSON line.
 */
export function formatBanner(config: Config, url: string, platformBaseUrl: string, metricsUrl: string | null = null): string {
  const mode = config.sandbox
    ? `sandbox (embedded emulator at ${platformBaseUrl}; no GATEWAY_CONFIG given)`
    : `production (platform ${platformBaseUrl})`;
  const store = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  const width = Math.max(...config.apps.map((a) => a.name.length));
  const apps = config.apps.map((a) => `    ${a.name.padEnd(width)}  ${a.mode.padEnd(4)}  appKey ${a.appKey}  (${a.numbers.length} numbers)`);
  return [
    '',
    'PrivateNumber GraphQL gateway',
    `  GraphiQL:  ${url}/graphql`,
    `  Mode:      ${mode}`,
    `  Store:     ${store}`,
    `  Webhooks:  ${url}/webhooks/<app name>${config.apps.some((a) => a.webhookPathToken !== null) ? '[/<path token>]' : ''}`,
    `  Auth:      ${authLine(config.auth)}`,
    `  Metrics:   ${metricsLine(config, url, metricsUrl)}`,
    '  Apps:',
    ...apps,
    '',
  ].join('\n');
}

/** Says plainly when the API is open: sandbox by design, production only when asked for. */
function authLine(auth: AuthConfig): string {
  if (!auth.enabled) return 'off (sandbox): every request acts as admin';
  const kinds = [auth.apiKeys.length ? `${auth.apiKeys.length} API key(s)` : '', auth.jwt ? `JWT from ${auth.jwt.issuer}` : ''].filter(Boolean).join(', ');
  if (auth.allowAnonymous) return `WARNING: anonymous requests are allowed and act as ${auth.anonymousRole}${kinds ? `; also ${kinds}` : ''}`;
  return `required (${kinds})`;
}

/** Where /metrics is and who may read it; never the token itself. */
function metricsLine(config: Config, url: string, metricsUrl: string | null): string {
  if (metricsUrl !== null) return `${metricsUrl}/metrics (separate port)`;
  if (config.metrics.public) return `${url}/metrics (public)`;
  return config.metrics.token !== null ? `${url}/metrics (bearer token)` : 'off on this port (no metrics.token)';
}
