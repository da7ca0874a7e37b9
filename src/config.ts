import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './errors';
import type { AuthScheme } from './platform/signing';
import { sandboxSeed } from './emulator/seed';
import { parseAuth, SANDBOX_AUTH } from './config-auth';
import { GRAPHQL_KEYS, LIMIT_KEYS, parseGraphql, parseLimits } from './config-limits';
import { parseRetention, RETENTION_KEYS } from './config-retention';
import { Problems, sectionOf } from './config-problems';
import { parseCors, parseMetrics, parseSourceCidrs } from './config-edge';
import { parseApps } from './config-apps';
import type { Config, LogFormat, LogLevel, WebhookAuthMode } from './config-types';

/**
 * The only reader of process.env and config files. `loadConfig` is pure given its inputs: it returns one
 * frozen Config or throws a ConfigError listing every problem at once.
 */

export * from './config-types';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty', 'auto'];
const WEBHOOK_AUTH: readonly WebhookAuthMode[] = ['off', 'log', 'enforce'];

export type Env = Readonly<Record<string, string | undefined>>;
export type ReadFile = (path: string) => string;

const FILE_KEYS = ['platform', 'apps', 'webhooks', 'cors', 'metrics', 'auth', 'limits', 'graphql', 'retention'] as const;
const PLATFORM_KEYS = ['baseUrl', 'authScheme', 'timeoutMs', 'maxRetries', 'flowControlWaitMs', 'maxConcurrency', 'maxQueue', 'callDeadlineMs', 'breakerFailures', 'breakerHalfOpenMs'] as const;
const WEBHOOK_KEYS = ['bodyLimitBytes', 'createdWindowSeconds', 'smsBlockDeadlineMs', 'smsTimeoutDecision', 'allowedSourceCidrs'] as const;
const CORS_KEYS = ['allowedOrigins'] as const;
const METRICS_KEYS = ['token', 'port', 'public'] as const;

function optionalString(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

/** Builds the Config from the environment and (in production mode) the GATEWAY_CONFIG file. */
export function loadConfig(env: Env = process.env, readFile: ReadFile = (f) => readFileSync(f, 'utf8')): Config {
  const p = new Problems();
  const configPath = optionalString(env, 'GATEWAY_CONFIG');
  let file: Record<string, unknown> = {};
  /** False when GATEWAY_CONFIG could not be read: its contents are then not checked, to report one problem, not a cascade. */
  let fileRead = true;
  if (configPath) {
    try {
      file = JSON.parse(readFile(resolve(configPath))) as Record<string, unknown>;
      if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new Error('not a JSON object');
    } catch (err) {
      p.add(`GATEWAY_CONFIG: cannot read ${configPath}: ${(err as Error).message}`);
      file = {};
      fileRead = false;
    }
  }
  const sandbox = configPath === null;
  const logLevel = (optionalString(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) p.add(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const logFormat = (optionalString(env, 'LOG_FORMAT') ?? 'auto') as LogFormat;
  if (!LOG_FORMATS.includes(logFormat)) p.add(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "${logFormat}"`);

  if (configPath && fileRead) {
    p.keys(file, 'GATEWAY_CONFIG', FILE_KEYS);
    p.keys(file.platform, 'GATEWAY_CONFIG: platform', PLATFORM_KEYS);
    p.keys(file.webhooks, 'GATEWAY_CONFIG: webhooks', WEBHOOK_KEYS);
    p.keys(file.cors, 'GATEWAY_CONFIG: cors', CORS_KEYS);
    p.keys(file.metrics, 'GATEWAY_CONFIG: metrics', METRICS_KEYS);
    p.keys(file.limits, 'GATEWAY_CONFIG: limits', LIMIT_KEYS);
    p.keys(file.graphql, 'GATEWAY_CONFIG: graphql', GRAPHQL_KEYS);
    p.keys(file.retention, 'GATEWAY_CONFIG: retention', RETENTION_KEYS);
  }
  const filePlatform = sectionOf(file.platform);
  let baseUrl: string | null = null;
  if (!sandbox && fileRead) {
    const raw = filePlatform.baseUrl;
    if (typeof raw !== 'string' || !/^https?:\/\/[^/\s]+\/?$/.test(raw)) {
      p.add('GATEWAY_CONFIG: platform.baseUrl must be an http(s) URL with host and optional port, e.g. https://rtcpns.cn-north-1.myhuaweicloud.com');
    } else baseUrl = raw.replace(/\/$/, '');
  }
  const authScheme = (filePlatform.authScheme ?? 'aksk') as AuthScheme;
  if (authScheme !== 'aksk' && authScheme !== 'wsse') p.add('GATEWAY_CONFIG: platform.authScheme must be "aksk" or "wsse"');

  const sandboxWebhookAuth = (optionalString(env, 'SANDBOX_WEBHOOK_AUTH') ?? 'log') as WebhookAuthMode;
  if (!WEBHOOK_AUTH.includes(sandboxWebhookAuth)) p.add(`SANDBOX_WEBHOOK_AUTH must be one of ${WEBHOOK_AUTH.join(', ')}, got "${sandboxWebhookAuth}"`);
  const apps = sandbox
    ? sandboxSeed().apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey, appSecret: a.appSecret, numbers: a.numbers, webhookAuth: sandboxWebhookAuth, webhookPathToken: null }))
    : fileRead
      ? parseApps(file.apps, p, 'GATEWAY_CONFIG')
      : [];
  const fileWebhooks = sectionOf(file.webhooks);
  const allowAnonymous = (file.auth as { allowAnonymous?: unknown } | undefined)?.allowAnonymous === true;
  const cors = parseCors(fileRead ? file.cors : undefined, p, sandbox, allowAnonymous);
  const metrics = parseMetrics(fileRead ? file.metrics : undefined, p, sandbox);

  const timeScaleRaw = optionalString(env, 'SANDBOX_TIME_SCALE');
  const sandboxTimeScale = timeScaleRaw === null ? 1 : Number(timeScaleRaw);
  const host = optionalString(env, 'HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) p.add(`HOST must be a host name or IP address, got "${host}"`);
  if (!(sandboxTimeScale > 0 && sandboxTimeScale <= 1000)) p.add(`SANDBOX_TIME_SCALE must be a number in (0, 1000], got "${timeScaleRaw}"`);

  const databaseUrl = optionalString(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) p.add('DATABASE_URL must start with postgres:// or postgresql://');
  const redisUrl = optionalString(env, 'REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) p.add('REDIS_URL must start with redis:// or rediss://');
  const redisPrefix = optionalString(env, 'REDIS_PREFIX') ?? 'pn:';
  if (!/^[A-Za-z0-9:._-]{1,64}$/.test(redisPrefix)) p.add(`REDIS_PREFIX must be 1 to 64 of [A-Za-z0-9:._-], got "${redisPrefix}"`);

  const config: Config = {
    sandbox,
    http: { host, port: p.int(env, 'PORT', 4000, 0, 65535) },
    dataDir: resolve(optionalString(env, 'DATA_DIR') ?? './data'),
    databaseUrl,
    redisUrl,
    redisPrefix,
    logLevel,
    logFormat,
    platform: {
      baseUrl,
      authScheme,
      timeoutMs: p.num(filePlatform.timeoutMs, 'GATEWAY_CONFIG: platform.timeoutMs', 10_000, 100, 120_000),
      maxRetries: p.num(filePlatform.maxRetries, 'GATEWAY_CONFIG: platform.maxRetries', 2, 0, 10),
      flowControlWaitMs: p.num(filePlatform.flowControlWaitMs, 'GATEWAY_CONFIG: platform.flowControlWaitMs', 60_000, 0, 600_000),
      maxConcurrency: p.num(filePlatform.maxConcurrency, 'GATEWAY_CONFIG: platform.maxConcurrency', 16, 1, 1024),
      maxQueue: p.num(filePlatform.maxQueue, 'GATEWAY_CONFIG: platform.maxQueue', 64, 0, 100_000),
      callDeadlineMs: p.num(filePlatform.callDeadlineMs, 'GATEWAY_CONFIG: platform.callDeadlineMs', 20_000, 100, 600_000),
      breakerFailures: p.num(filePlatform.breakerFailures, 'GATEWAY_CONFIG: platform.breakerFailures', 5, 0, 1000),
      breakerHalfOpenMs: p.num(filePlatform.breakerHalfOpenMs, 'GATEWAY_CONFIG: platform.breakerHalfOpenMs', 10_000, 10, 3_600_000),
    },
    apps,
    webhooks: {
      bodyLimitBytes: p.num(fileWebhooks.bodyLimitBytes, 'GATEWAY_CONFIG: webhooks.bodyLimitBytes', 1024 * 1024, 1024, 64 * 1024 * 1024),
      createdWindowSeconds: p.num(fileWebhooks.createdWindowSeconds, 'GATEWAY_CONFIG: webhooks.createdWindowSeconds', 300, 1, 86_400),
      smsBlockDeadlineMs: p.num(fileWebhooks.smsBlockDeadlineMs, 'GATEWAY_CONFIG: webhooks.smsBlockDeadlineMs', 2000, 50, 30_000),
      smsTimeoutDecision: p.oneOf(fileWebhooks.smsTimeoutDecision, 'GATEWAY_CONFIG: webhooks.smsTimeoutDecision', ['DISCARD', 'FORWARD'] as const),
      allowedSourceCidrs: parseSourceCidrs(fileWebhooks.allowedSourceCidrs, p),
    },
    auth: sandbox ? SANDBOX_AUTH : fileRead ? parseAuth(file.auth, p, new Set(apps.map((a) => a.name))) : SANDBOX_AUTH,
    cors,
    metrics,
    limits: parseLimits(sectionOf(file.limits), p, sandbox),
    graphql: parseGraphql(sectionOf(file.graphql), p, sandbox),
    retention: parseRetention(sectionOf(file.retention), p),
    sandboxTimeScale: sandboxTimeScale > 0 ? sandboxTimeScale : 1,
  };
  if (p.list.length > 0) throw new ConfigError(p.list);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
