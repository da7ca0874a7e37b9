import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';
import { sandboxSeed } from './emulator/seed';
import { describeIssue, got, oneOf, section } from './config-fields';
import { appsSchema } from './config-apps';
import { authSchema, SANDBOX_AUTH } from './config-auth';
import { corsSchema, metricsSchema } from './config-edge';
import { graphqlSchema, limitsSchema } from './config-limits';
import { platformSchema, webhooksSchema } from './config-platform';
import { retentionSchema } from './config-retention';
import { type Config, LOG_FORMATS, LOG_LEVELS, WEBHOOK_AUTH_MODES } from './config-types';

/**
 * The only reader of process.env and config files. `loadConfig` is pure given its inputs: it returns one
 * frozen Config or throws a ConfigError listing every problem at once, each naming its variable or field.
 */

export * from './config-types';
export type { AppConfig } from './config-apps';
export type { AuthConfig, JwtConfig } from './config-auth';
export type { CorsConfig, MetricsConfig } from './config-edge';
export type { GraphqlConfig, LimitsConfig } from './config-limits';
export type { PlatformConfig, WebhookConfig } from './config-platform';
export type { RetentionConfig } from './config-retention';

export type Env = Readonly<Record<string, string | undefined>>;
export type ReadFile = (path: string) => string;

/** An environment variable, trimmed; unset or blank reads as absent. */
const variable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), schema);

/** A variable holding a number that `valid` accepts; the message quotes the text as given. */
const numeric = (message: string, valid: (n: number) => boolean) =>
  z.string().refine((text) => valid(Number(text)), { error: got(message) }).transform(Number);

const envSchema = z.object({
  LOG_LEVEL: variable(oneOf(LOG_LEVELS).default('info')),
  LOG_FORMAT: variable(oneOf(LOG_FORMATS).default('auto')),
  HOST: variable(z.string().regex(/^[A-Za-z0-9.:-]+$/, { error: got('must be a host name or IP address') }).default('127.0.0.1')),
  PORT: variable(numeric('must be an integer from 0 to 65535', (n) => Number.isInteger(n) && n >= 0 && n <= 65535).default(4000)),
  DATA_DIR: variable(z.string().default('./data')).transform((dir) => resolve(dir)),
  // The URLs may hold a password: their messages never quote them.
  DATABASE_URL: variable(z.string().regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' }).nullable().default(null)),
  REDIS_URL: variable(z.string().regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss://' }).nullable().default(null)),
  REDIS_PREFIX: variable(z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/, { error: got('must be 1 to 64 of [A-Za-z0-9:._-]') }).default('pn:')),
  SANDBOX_WEBHOOK_AUTH: variable(oneOf(WEBHOOK_AUTH_MODES).default('log')),
  SANDBOX_TIME_SCALE: variable(numeric('must be a number in (0, 1000]', (n) => n > 0 && n <= 1000).default(1)),
});

/**
 * GATEWAY_CONFIG's schema in one mode. Production requires `platform.baseUrl`, `apps` and `auth`; the
 * sandbox reads no file, so it takes every default. `raw` is the file as given: a CORS `*` needs
 * `auth.allowAnonymous: true`, and API keys may only name apps the file lists, even when those are invalid.
 */
function fileSchema(sandbox: boolean, raw: unknown) {
  const given = (raw ?? {}) as { apps?: unknown; auth?: { allowAnonymous?: unknown } };
  const appNames = (Array.isArray(given.apps) ? (given.apps as { name?: unknown }[]) : []).flatMap((app) => (typeof app?.name === 'string' ? [app.name.trim()] : []));
  return section({
    platform: platformSchema(sandbox),
    apps: sandbox ? appsSchema.optional() : appsSchema,
    webhooks: webhooksSchema,
    cors: corsSchema(sandbox, given.auth?.allowAnonymous === true),
    metrics: metricsSchema(sandbox),
    auth: sandbox ? authSchema(new Set()).optional() : authSchema(new Set(appNames)),
    limits: limitsSchema(sandbox),
    graphql: graphqlSchema(sandbox),
    retention: retentionSchema,
  });
}

/** Builds the Config from the environment and (in production mode) the GATEWAY_CONFIG file. */
export function loadConfig(env: Env = process.env, readFile: ReadFile = (f) => readFileSync(f, 'utf8')): Config {
  const configPath = env.GATEWAY_CONFIG?.trim() || null;
  const sandbox = configPath === null;
  let file: unknown = {};
  /** Set when GATEWAY_CONFIG cannot be read: its contents are then not checked, to report one problem, not a cascade. */
  let unreadable: string | null = null;
  if (configPath) {
    try {
      file = JSON.parse(readFile(resolve(configPath)));
    } catch (err) {
      unreadable = `GATEWAY_CONFIG: cannot read ${configPath}: ${(err as Error).message}`;
    }
  }
  const vars = envSchema.safeParse(env);
  const parsed = unreadable === null ? fileSchema(sandbox, file).safeParse(file) : null;
  const problems = [
    ...(unreadable === null ? [] : [unreadable]),
    ...(vars.error?.issues ?? []).map((issue) => describeIssue(issue, '')),
    ...(parsed?.error?.issues ?? []).map((issue) => describeIssue(issue, 'GATEWAY_CONFIG')),
  ];
  if (!vars.success || !parsed?.success) throw new ConfigError(problems);
  const { LOG_LEVEL, LOG_FORMAT, HOST, PORT, DATA_DIR, DATABASE_URL, REDIS_URL, REDIS_PREFIX, SANDBOX_WEBHOOK_AUTH, SANDBOX_TIME_SCALE } = vars.data;
  const { apps, auth, ...sections } = parsed.data;
  const sandboxApps = () =>
    sandboxSeed().apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey, appSecret: a.appSecret, numbers: a.numbers, webhookAuth: SANDBOX_WEBHOOK_AUTH, webhookPathToken: null }));
  return deepFreeze({
    sandbox,
    http: { host: HOST, port: PORT },
    dataDir: DATA_DIR,
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    redisPrefix: REDIS_PREFIX,
    logLevel: LOG_LEVEL,
    logFormat: LOG_FORMAT,
    ...sections,
    apps: apps ?? sandboxApps(),
    auth: auth ?? SANDBOX_AUTH,
    sandboxTimeScale: SANDBOX_TIME_SCALE,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
