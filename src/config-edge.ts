import { z } from 'zod';
import { bool, canonical, IF_VALID, range, section } from './config-fields';
import { formatOriginPattern, parseOriginPattern } from './server/cors';
import { parseCidr } from './shared/cidr';

/**
 * The edge sections of GATEWAY_CONFIG: `cors`, `metrics` and `webhooks.allowedSourceCidrs` (problems name
 * the field and never repeat a secret).
 */

const METRICS_TOKEN = 'must be 16 to 256 printable characters without spaces';
const SANDBOX_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** `*` is allowed only when anonymous access is (`auth.allowAnonymous`, read from the file as given). */
export function corsSchema(sandbox: boolean, allowAnonymous: boolean) {
  const origin = canonical('must be an origin such as https://app.example.com, http://localhost:* or *', (text) => {
    const pattern = parseOriginPattern(text);
    return pattern && formatOriginPattern(pattern);
  }).refine((origin) => origin !== '*' || allowAnonymous, { error: '"*" is allowed only with auth.allowAnonymous: true' });
  return section({
    /**
     * Browser origins allowed to use /graphql over HTTP (CORS) and WebSocket (`Origin` of the upgrade):
     * exact origins (`https://app.example.com`), a port wildcard (`http://localhost:*`), or `*` (only with
     * `auth.allowAnonymous`). Canonical form (lower-case host, no default port). Sandbox default
     * `http://localhost:*` and `http://127.0.0.1:*`; production default none (same-origin pages only).
     */
    allowedOrigins: z.array(origin, { error: 'must be an array of origins' }).default(sandbox ? SANDBOX_ORIGINS : []),
  }).prefault({});
}

export function metricsSchema(sandbox: boolean) {
  return section({
    /** Bearer token required for /metrics on the main port (compared in constant time; never logged). */
    token: z.string({ error: METRICS_TOKEN }).regex(/^[\x21-\x7e]{16,256}$/, { error: METRICS_TOKEN }).nullable().default(null),
    /** Serve /metrics (no token) on this port of the same host, and not on the main port; 0 = any free port. */
    port: range(0, 65535).nullable().default(null),
    /** /metrics on the main port without a token (sandbox default true; production default false). */
    public: bool(sandbox),
  })
    .prefault({})
    .superRefine((m, ctx) => {
      if (m.port !== null && (m.token !== null || m.public)) {
        ctx.addIssue({ code: 'custom', path: ['port'], message: 'serves /metrics without a token and not on the main port: leave out metrics.token and metrics.public' });
      }
      if (m.token !== null && m.public) ctx.addIssue({ code: 'custom', path: ['public'], message: ': true makes metrics.token pointless: set one of them' });
    }, IF_VALID)
    .transform((m) => ({ ...m, public: m.port === null && m.public }));
}

/**
 * Source address ranges pushes may come from (`10.0.0.0/8`, `2001:db8::/32`; IPv4-mapped IPv6 peers match
 * IPv4 ranges); a push from elsewhere answers 403 before anything else. Null (default) = any source.
 */
const NON_EMPTY = 'must be a non-empty array of CIDR ranges (leave it out to accept pushes from any source)';
export const sourceCidrsSchema = z
  .array(
    canonical('must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32', (text) => {
      const cidr = parseCidr(text);
      return cidr && `${cidr.address}/${cidr.prefix}`;
    }),
    { error: NON_EMPTY },
  )
  .min(1, { error: NON_EMPTY })
  .nullable()
  .default(null);

export type CorsConfig = z.output<ReturnType<typeof corsSchema>>;
export type MetricsConfig = z.output<ReturnType<typeof metricsSchema>>;
