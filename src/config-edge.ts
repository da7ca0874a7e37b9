import type { CorsConfig, MetricsConfig } from './config';
import { type Problems, sectionOf } from './config-problems';
import { formatOriginPattern, parseOriginPattern } from './server/cors';
import { parseCidr } from './shared/cidr';

/**
 * The edge sections of GATEWAY_CONFIG: `cors`, `metrics` and `webhooks.allowedSourceCidrs`. Part of
 * `loadConfig` (pure; problems name the field and never repeat a secret).
 */

const METRICS_TOKEN = /^[\x21-\x7e]{16,256}$/;
const SANDBOX_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** `cors.allowedOrigins`: validated entries in canonical form; `*` only when anonymous access is allowed. */
export function parseCors(raw: unknown, p: Problems, sandbox: boolean, allowAnonymous: boolean): CorsConfig {
  const where = 'GATEWAY_CONFIG: cors.allowedOrigins';
  const list = sectionOf(raw);
  if (list.allowedOrigins === undefined) return { allowedOrigins: sandbox ? SANDBOX_ORIGINS : [] };
  if (!Array.isArray(list.allowedOrigins)) {
    p.add(`${where} must be an array of origins`);
    return { allowedOrigins: [] };
  }
  const origins: string[] = [];
  for (const [i, entry] of list.allowedOrigins.entries()) {
    const pattern = typeof entry === 'string' ? parseOriginPattern(entry.trim()) : null;
    if (!pattern) {
      p.add(`${where}[${i}] must be an origin such as https://app.example.com, http://localhost:* or *, got ${JSON.stringify(entry)}`);
      continue;
    }
    if (pattern.kind === 'any' && !allowAnonymous) p.add(`${where}[${i}] "*" is allowed only with auth.allowAnonymous: true`);
    origins.push(formatOriginPattern(pattern));
  }
  return { allowedOrigins: origins };
}

export function parseMetrics(raw: unknown, p: Problems, sandbox: boolean): MetricsConfig {
  const where = 'GATEWAY_CONFIG: metrics';
  const o = sectionOf(raw);
  let token: string | null = null;
  if (o.token !== undefined) {
    if (typeof o.token === 'string' && METRICS_TOKEN.test(o.token)) token = o.token;
    else p.add(`${where}.token must be 16 to 256 printable characters without spaces`);
  }
  const port = o.port === undefined ? null : p.num(o.port, `${where}.port`, 0, 0, 65535);
  if (o.public !== undefined && typeof o.public !== 'boolean') p.add(`${where}.public must be true or false`);
  const isPublic = typeof o.public === 'boolean' ? o.public : sandbox;
  if (port !== null && (token !== null || o.public === true)) {
    p.add(`${where}.port serves /metrics without a token and not on the main port: leave out metrics.token and metrics.public`);
  }
  if (token !== null && o.public === true) p.add(`${where}.public: true makes metrics.token pointless: set one of them`);
  return { token, port, public: port === null && isPublic };
}

export function parseSourceCidrs(raw: unknown, p: Problems): readonly string[] | null {
  const where = 'GATEWAY_CONFIG: webhooks.allowedSourceCidrs';
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || raw.length === 0) {
    p.add(`${where} must be a non-empty array of CIDR ranges (leave it out to accept pushes from any source)`);
    return null;
  }
  return raw.flatMap((entry, i) => {
    const cidr = typeof entry === 'string' ? parseCidr(entry) : null;
    if (!cidr) {
      p.add(`${where}[${i}] must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32, got ${JSON.stringify(entry)}`);
      return [];
    }
    return [`${cidr.address}/${cidr.prefix}`];
  });
}
