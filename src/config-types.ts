import type { AppConfig } from './config-apps';
import type { AuthConfig } from './config-auth';
import type { CorsConfig, MetricsConfig } from './config-edge';
import type { GraphqlConfig, LimitsConfig } from './config-limits';
import type { PlatformConfig, WebhookConfig } from './config-platform';
import type { RetentionConfig } from './config-retention';

/**
 * The one frozen Config that `loadConfig` (config.ts) returns. Each section's type is inferred from its
 * schema (config-<section>.ts), where every field says its unit and default.
 */

export const BINDING_MODES = ['AX', 'AXB', 'AXE', 'AXYB'] as const;
export type BindingModeName = (typeof BINDING_MODES)[number];

/** How webhook signatures are checked: not at all, logged when bad (default), or bad ones answered 401. */
export const WEBHOOK_AUTH_MODES = ['off', 'log', 'enforce'] as const;
export type WebhookAuthMode = (typeof WEBHOOK_AUTH_MODES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty', 'auto'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** What a principal may do: viewer reads with party numbers masked, operator also writes, admin also operates the gateway. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Config {
  /** True when no GATEWAY_CONFIG is given: the embedded emulator plays the platform. */
  sandbox: boolean;
  /** HOST (default 127.0.0.1) and PORT (default 4000). */
  http: { host: string; port: number };
  /** PGlite files live here when DATABASE_URL is not set (DATA_DIR, default ./data). */
  dataDir: string;
  /** PostgreSQL instead of PGlite (DATABASE_URL); required for several instances. */
  databaseUrl: string | null;
  /** Redis pub/sub for wake-ups between instances (REDIS_URL); null = in-process only. */
  redisUrl: string | null;
  /** Prefix of every Redis channel name (REDIS_PREFIX, default `pn:`): deployments sharing one Redis use different ones. */
  redisPrefix: string;
  /** LOG_LEVEL, default `info`. */
  logLevel: LogLevel;
  /**
   * LOG_FORMAT, default `auto`: `json` lines, `pretty` lines for people (`level time msg key=value`), or
   * `auto` = pretty when stdout is a terminal, JSON otherwise. Masking is the same in every format.
   */
  logFormat: LogFormat;
  platform: PlatformConfig;
  apps: AppConfig[];
  webhooks: WebhookConfig;
  /** Who may call the GraphQL API (`auth` section; required in production). */
  auth: AuthConfig;
  cors: CorsConfig;
  metrics: MetricsConfig;
  limits: LimitsConfig;
  graphql: GraphqlConfig;
  /** How long stored personal data is kept (`retention` section). */
  retention: RetentionConfig;
  /** Sandbox only: the emulator's time scale (SANDBOX_TIME_SCALE, default 1). */
  sandboxTimeScale: number;
}
