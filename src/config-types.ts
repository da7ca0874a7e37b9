import type { AuthScheme } from './platform/signing';

/**
 * The shape of the one frozen Config that `loadConfig` (config.ts) returns, section by section. Every field
 * says its unit and default.
 */

export type BindingModeName = 'AX' | 'AXB' | 'AXE' | 'AXYB';
export const BINDING_MODES: readonly BindingModeName[] = ['AX', 'AXB', 'AXE', 'AXYB'];

/** How webhook signatures are checked: not at all, logged when bad (default), or bad ones answered 401. */
export type WebhookAuthMode = 'off' | 'log' | 'enforce';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'json' | 'pretty' | 'auto';

export interface NumberConfig {
  /** Global format, e.g. `+8617000000001`. */
  number: string;
  /** City code with leading zero, e.g. `0755`. */
  cityCode?: string;
}

export interface AppConfig {
  /** Used in GraphQL (`app: "..."`) and in the webhook path `/webhooks/<name>`. */
  name: string;
  mode: BindingModeName;
  appKey: string;
  appSecret: string;
  /** The inventory of X numbers: the platform has no listing API. */
  numbers: NumberConfig[];
  /** Default `enforce` in production; in sandbox `SANDBOX_WEBHOOK_AUTH` (default `log`). */
  webhookAuth: WebhookAuthMode;
  /**
   * A secret path segment: pushes are then accepted only at `/webhooks/<name>/<token>` (the address given to
   * the platform console); `/webhooks/<name>` and any other token answer 404. 16–128 of `[A-Za-z0-9_-]`;
   * null = pushes go to `/webhooks/<name>`.
   */
  webhookPathToken: string | null;
}

export interface PlatformConfig {
  /** Access address, e.g. `https://rtcpns.cn-north-1.myhuaweicloud.com`; null in sandbox until the emulator listens. */
  baseUrl: string | null;
  /** `aksk` (X-AKSK, HMAC-SHA256; default) or the legacy `wsse`. */
  authScheme: AuthScheme;
  /** Whole-request deadline per attempt, milliseconds (default 10000). */
  timeoutMs: number;
  /** Attempts after the first for safe retries (reads, failures before sending); default 2. */
  maxRetries: number;
  /**
   * After flow control (1010010 with the flow-control text), when to send again, milliseconds (default 60000):
   * the refusal is answered at once as RATE_LIMITED with `retryAfterSeconds`, never waited out in the request.
   */
  flowControlWaitMs: number;
  /** Upper bound of concurrent requests to the platform (default 16). */
  maxConcurrency: number;
  /** Calls waiting for one of the `maxConcurrency` slots at most (default 64); beyond, PLATFORM_UNAVAILABLE (retryable) at once. */
  maxQueue: number;
  /** Deadline of one platform call, milliseconds (default 20000): the wait for a slot, every attempt and the backoff between. */
  callDeadlineMs: number;
  /** Consecutive platform faults (timeout, broken connection, 5xx, malformed answer) that open the circuit; 0 = never (default 5). */
  breakerFailures: number;
  /** How long an open circuit answers PLATFORM_UNAVAILABLE without calling before one call may try, milliseconds (default 10000). */
  breakerHalfOpenMs: number;
}

export interface WebhookConfig {
  /** Max raw body, bytes (default 1 MiB); larger → 413. */
  bodyLimitBytes: number;
  /** Allowed |Created − now| for push signatures, seconds (default 300). */
  createdWindowSeconds: number;
  /** Deadline for answering an SMS Block push, milliseconds (default 2000). */
  smsBlockDeadlineMs: number;
  /** Answered to an SMS Block push when the app's policy cannot be read in time (default DISCARD). */
  smsTimeoutDecision: 'FORWARD' | 'DISCARD';
  /**
   * Source address ranges pushes may come from (`10.0.0.0/8`, `2001:db8::/32`; IPv4-mapped IPv6 peers match
   * IPv4 ranges); a push from elsewhere answers 403 before anything else. Null (default) = any source.
   */
  allowedSourceCidrs: readonly string[] | null;
}

/** What a principal may do: viewer reads with party numbers masked, operator also writes, admin also operates the gateway. */
export type Role = 'viewer' | 'operator' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

/** One API key, configured by the sha256 of the key so the key itself is never stored. */
export interface ApiKeyConfig {
  /** Names the principal in logs and errors, e.g. `support-console`. */
  name: string;
  /** Lower-case hex sha256 of the key (64 characters); `npm run apikey` prints a key and its hash. */
  sha256: string;
  role: Role;
  /** The apps this key may see and change; null = every app. */
  apps: readonly string[] | null;
}

/** JWTs from the team's identity provider, verified with jose (RS256, ES256, EdDSA). */
export interface JwtConfig {
  /** Required `iss`. */
  issuer: string;
  /** Required `aud` (one of the token's audiences). */
  audience: string;
  /** A JWKS endpoint (keys fetched and cached by jose), or null when `publicKeys` are given. */
  jwksUrl: string | null;
  /** SPKI PEM public keys; a token verifies if one of them verifies it. */
  publicKeys: readonly string[];
  /** Claim holding the role (default `pn_role`). */
  roleClaim: string;
  /** Claim holding the app names (an array of strings; absent = every app). Default `pn_apps`. */
  appsClaim: string;
  /** Allowed clock difference for `exp` and `nbf`, seconds (default 30). */
  clockToleranceSeconds: number;
}

export interface AuthConfig {
  /** False in sandbox mode: every request acts as an anonymous admin. */
  enabled: boolean;
  /** Requests without a token act as `anonymousRole` on every app (production: only when configured; the banner warns). */
  allowAnonymous: boolean;
  /** The role of a request without a token when `allowAnonymous` (default admin). */
  anonymousRole: Role;
  apiKeys: readonly ApiKeyConfig[];
  jwt: JwtConfig | null;
}

export interface CorsConfig {
  /**
   * Browser origins allowed to use /graphql over HTTP (CORS) and WebSocket (`Origin` of the upgrade):
   * exact origins (`https://app.example.com`), a port wildcard (`http://localhost:*`), or `*` (only with
   * `auth.allowAnonymous`). Canonical form (lower-case host, no default port). Sandbox default
   * `http://localhost:*` and `http://127.0.0.1:*`; production default none (same-origin pages only).
   */
  allowedOrigins: readonly string[];
}

export interface MetricsConfig {
  /** Bearer token required for /metrics on the main port (compared in constant time; never logged). */
  token: string | null;
  /** Serve /metrics (no token) on this port of the same host, and not on the main port; 0 = any free port. */
  port: number | null;
  /** /metrics on the main port without a token (sandbox default true; production default false). */
  public: boolean;
}
/** Limits every GraphQL operation meets, on HTTP and WebSocket alike (file section `limits`). */
export interface LimitsConfig {
  /** Deepest selection nesting, fields (default 10, 1–100); deeper → QUERY_TOO_DEEP. */
  maxDepth: number;
  /** Aliases per operation (default 15, 0–1000); more → TOO_MANY_ALIASES. */
  maxAliases: number;
  /** Lexical tokens per document, counted while parsing (default 1000, 10–100000); more → TOO_MANY_TOKENS. */
  maxTokens: number;
  /** Directives per operation (default 50, 0–1000); more → TOO_MANY_DIRECTIVES. */
  maxDirectives: number;
  /** Estimated cost per operation: each field 1, a connection `first` × its selection (default 5000, 1–1000000); more → QUERY_TOO_COMPLEX. */
  maxCost: number;
  /** Deadline of one HTTP operation, milliseconds (default 30000, 100–600000); past it → OPERATION_TIMEOUT and the work is aborted. */
  operationTimeoutMs: number;
  /** Operations and subscriptions running at once on one WebSocket (default 100, 1–10000); more → TOO_MANY_OPERATIONS. */
  maxOperationsPerSocket: number;
  /** Open WebSockets per client address (default 200, 1–100000); the upgrade beyond is answered 429. */
  maxSocketsPerClient: number;
  /** How long a new WebSocket may wait before `connection_init`, milliseconds (default 5000, 100–60000); then closed with 4408. */
  connectionInitTimeoutMs: number;
  /** Subscribe messages per second on one WebSocket (default 50, 1–100000); more → RATE_LIMITED for that operation. */
  socketMessagesPerSecond: number;
  /** Operations per second per client address, HTTP and WebSocket together (default 100, 1–100000); more → RATE_LIMITED (HTTP 429). */
  clientOperationsPerSecond: number;
  /**
   * Entries one subscription holds that its client has not taken yet (default 1000, 10–1000000); past it the
   * subscription catches up from the store at its client's pace, and if the client then takes nothing while
   * more arrive it is cut and its WebSocket closed with 4008 (resume with `after:` the last cursor received).
   */
  subscriptionBufferEntries: number;
}

/** What the GraphQL endpoint shows about itself (file section `graphql`); every default: true in sandbox, false in production. */
export interface GraphqlConfig {
  /** `__schema` / `__type` answered, on HTTP and WebSocket. */
  introspection: boolean;
  /** "Did you mean …" in validation errors. */
  fieldSuggestions: boolean;
  /** `GET /graphql` from a browser serves GraphiQL (else 404). */
  graphiql: boolean;
}

/**
 * How long stored personal data is kept, days (0 = until deleted by hand); the purge runs every
 * `purgeIntervalMinutes` in batches of `batchSize` rows (file section `retention`).
 */
export interface RetentionConfig {
  /** Call event rows (caller and callee numbers), counted from when they were stored (default 90). */
  callEventsDays: number;
  /** Call records (CDRs) and the calls built from them, by when they were stored (default 180). */
  callRecordsDays: number;
  /** SMS rows (sender, receiver), counted from when they were stored (default 90). */
  smsMessagesDays: number;
  /** SMS content, set to null after this (default 7); the row stays until `smsMessagesDays`. */
  smsContentDays: number;
  /** The push bodies kept beside call events, CDRs and SMS, emptied after this (default 7). */
  rawBodiesDays: number;
  /** Event log entries, the replay window of subscriptions; an older `after:` answers CURSOR_EXPIRED (default 7). */
  eventLogDays: number;
  /** Pushes kept as dead letters (default 30). */
  deadLettersDays: number;
  /** Settled idempotency keys (default 1): a retry with the same key after this binds anew. */
  idempotencyKeysDays: number;
  /** Time between purges, minutes (default 60). */
  purgeIntervalMinutes: number;
  /** Rows per purge statement (default 500): each batch is short, so pushes never wait long behind it. */
  batchSize: number;
}

export interface Config {
  /** True when no GATEWAY_CONFIG is given: the embedded emulator plays the platform. */
  sandbox: boolean;
  http: { host: string; port: number };
  /** PGlite files live here when DATABASE_URL is not set (default ./data). */
  dataDir: string;
  /** PostgreSQL instead of PGlite (DATABASE_URL); required for several instances. */
  databaseUrl: string | null;
  /** Redis pub/sub for wake-ups between instances (REDIS_URL); null = in-process only. */
  redisUrl: string | null;
  /** Prefix of every Redis channel name (REDIS_PREFIX, default `pn:`): deployments sharing one Redis use different ones. */
  redisPrefix: string;
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
