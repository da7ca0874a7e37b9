import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { Authenticator } from './auth/authenticator';
import type { Config } from './config';
import { startEmulator, type Emulator, type EmulatorOptions } from './emulator/emulator';
import { sandboxSeed } from './emulator/seed';
import { EMULATOR_STATE_FILE } from './emulator/state-file';
import { PlatformClient } from './platform';
import { createApollo } from './server/apollo';
import { formatBanner } from './server/banner';
import { type ContextFactory, createContextFactory, type GatewayContext } from './server/context';
import { OriginPolicy } from './server/cors';
import { createGraphiqlAssets } from './server/graphiql';
import { createGraphqlWsServer } from './server/graphql-ws';
import { HttpServer, type WebhookHandler } from './server/http-server';
import { createLimits } from './server/limits/limits';
import { GatewayMetrics } from './server/metrics';
import { metricsAccessFor } from './server/metrics-access';
import { MetricsServer } from './server/metrics-server';
import { PlatformProbe } from './server/platform-probe';
import { checkReadiness, type ReadinessCheck } from './server/readiness';
import { buildGatewaySchema } from './server/schema';
import { openPubSub } from './events/open-pubsub';
import { createFeatures } from './features';
import { RetentionPurger } from './retention/retention-purger';
import { createCidrMatcher, parseCidr, type Cidr } from './shared/cidr';
import { type Disposable, disposeAll } from './shared/disposable';
import { createLogger, type Logger } from './shared/logger';
import { acquireDataDirLock } from './store/data-dir-lock';
import type { Db } from './store/db';
import { openDb } from './store/open-db';
import { webhookUrl } from './webhooks/webhook-address';

/** Test and embedding hooks; production passes none. */
export interface GatewayOverrides {
  logger?: Logger;
  /** Extra options for the embedded emulator (sandbox only), e.g. smaller capacities in tests. */
  emulator?: Partial<Omit<EmulatorOptions, 'seed'>>;
  /** Wraps the webhook handler, e.g. to fail some pushes in a test of the platform's retries. */
  wrapWebhook?: (handler: WebhookHandler) => WebhookHandler;
  /** Wraps the store once opened, e.g. to make one transaction fail in a test of a failed store (503). */
  wrapDb?: (db: Db) => Db;
  /** How long stop() waits for in-flight requests and WebSocket closes, milliseconds (default 10000). */
  drainTimeoutMs?: number;
  /** Register Node process metrics (default true). */
  processMetrics?: boolean;
}

export interface StartedGateway {
  /** Base URL, e.g. `http://127.0.0.1:4000`; GraphQL and GraphiQL are at `<url>/graphql`. */
  url: string;
  /** Human-readable start-up banner (apps and keys, never secrets). */
  banner: string;
  /** Base URL of the separate metrics server (`metrics.port`), else null. */
  metricsUrl: string | null;
}

export interface Gateway {
  start(): Promise<StartedGateway>;
  /** Graceful stop, reverse order of start; safe to call twice or before start completes. */
  stop(): Promise<void>;
  readonly url: string | null;
  /** Base URL of the separate metrics server once started (`metrics.port`), else null. */
  readonly metricsUrl: string | null;
  /** The embedded emulator in sandbox mode once started, else null. */
  readonly emulator: Emulator | null;
  /** The retention purge once started (runs on its own schedule; `runOnce` purges now), else null. */
  readonly retention: RetentionPurger | null;
}

/** GraphQL request bodies (HTTP) and WebSocket messages larger than this are refused, bytes. */
const GRAPHQL_BODY_LIMIT_BYTES = 1024 * 1024;
/** /readyz gives each dependency this long to answer, milliseconds. */
const READINESS_TIMEOUT_MS = 3000;
/** A platform probe answer is reused this long by /readyz and metric scrapes, milliseconds. */
const PLATFORM_PROBE_CACHE_MS = 1000;

/**
 * The composition root: builds every long-lived object and owns its lifetime. Start order: store (migrated),
 * schema and Apollo, HTTP server (listening, not ready), then in sandbox the embedded emulator (it needs the
 * gateway's URL for its pushes), then the platform client; only then /readyz turns 200. stop() first cuts
 * every platform call waiting or in flight, then closes the HTTP server (no new work, WebSockets closed with 1001, in-flight requests drained), then disposes the
 * rest in reverse order of start: platform client, emulator, Apollo, store.
 */
export function createGateway(config: Config, overrides: GatewayOverrides = {}): Gateway {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const started: Disposable[] = [];
  let http: HttpServer | null = null;
  let url: string | null = null;
  let metricsUrl: string | null = null;
  let emulator: Emulator | null = null;
  let retention: RetentionPurger | null = null;
  /** Set once the platform client exists: stop() cuts its calls before draining, so no request waits on the platform. */
  let cutPlatformCalls: (() => void) | null = null;
  let starting: Promise<StartedGateway> | null = null;
  let stopping: Promise<void> | null = null;

  const start = async (): Promise<StartedGateway> => {
    const metrics = new GatewayMetrics({ processMetrics: overrides.processMetrics, apps: config.apps.map((a) => a.name) });
    // One process per PGlite directory: the lock comes first and goes last (stop disposes in reverse).
    if (!config.databaseUrl) started.push(await acquireDataDirLock(config.dataDir));
    const opened = await openDb(config, logger);
    const db = overrides.wrapDb ? overrides.wrapDb(opened) : opened;
    started.push({ dispose: () => db.close() });
    const schema = await buildGatewaySchema({ sandbox: config.sandbox });
    const pubsub = await openPubSub(config, logger);
    started.push(pubsub);
    const limits = createLimits(config);
    const apollo: ApolloServer<GatewayContext> = createApollo(schema, metrics, limits, logger);
    await apollo.start();
    started.push({ dispose: () => apollo.stop() });

    let contextFor: ContextFactory | null = null;
    const context: ContextFactory = (requestId, transport, principal, signal) => {
      if (!contextFor) throw new Error('GraphQL context requested before the gateway is ready');
      return contextFor(requestId, transport, principal, signal);
    };
    const authenticator = new Authenticator(config.auth, config.apps.map((a) => a.name));
    // Bound once the features exist; the server answers webhooks only when ready.
    let webhookHandler: WebhookHandler | null = null;
    const webhook: WebhookHandler = (request) => {
      if (!webhookHandler) return Promise.resolve({ status: 503, body: JSON.stringify({ error: 'UNAVAILABLE', message: 'starting' }) });
      return webhookHandler(request);
    };
    let platform: PlatformClient | null = null;
    // Readiness is what this instance needs to accept work; the platform is reported, not required.
    const checks: ReadinessCheck[] = [{ name: 'store', check: () => db.ping() }];
    const platformProbe = new PlatformProbe({
      ping: () => (platform ? platform.ping() : Promise.reject(new Error('not started'))),
      timeoutMs: READINESS_TIMEOUT_MS,
      cacheMs: PLATFORM_PROBE_CACHE_MS,
    });
    metrics.watchPlatform(async () => (await platformProbe.probe()).reachable);
    if (config.redisUrl) checks.push({ name: 'redis', check: () => (pubsub.healthy ? Promise.resolve() : Promise.reject(new Error('disconnected'))) });
    const ws = createGraphqlWsServer({ schema, contextFor: context, authenticator, logger, metrics, maxPayloadBytes: GRAPHQL_BODY_LIMIT_BYTES, limits });
    http = new HttpServer({
      logger,
      metrics,
      apollo,
      contextFor: context,
      authenticator,
      assets: createGraphiqlAssets(),
      readiness: () => checkReadiness(checks, READINESS_TIMEOUT_MS, () => platformProbe.probe()),
      webhook: overrides.wrapWebhook ? overrides.wrapWebhook(webhook) : webhook,
      webhookBodyLimitBytes: config.webhooks.bodyLimitBytes,
      graphqlBodyLimitBytes: GRAPHQL_BODY_LIMIT_BYTES,
      origins: new OriginPolicy(config.cors.allowedOrigins),
      metricsAccess: metricsAccessFor(config.metrics),
      webhookSourceAllowed: sourceFilter(config.webhooks.allowedSourceCidrs),
      limits,
      ws,
      drainTimeoutMs: overrides.drainTimeoutMs ?? 10_000,
    });
    url = (await http.listen(config.http.port, config.http.host)).url;
    if (config.metrics.port !== null) {
      const metricsServer = new MetricsServer(metrics, logger.child({ component: 'metrics' }));
      metricsUrl = (await metricsServer.listen(config.metrics.port, config.http.host)).url;
      started.push(metricsServer);
    }

    const platformBaseUrl = config.sandbox ? (emulator = await startSandboxEmulator(config, url, logger, overrides, started)).baseUrl : config.platform.baseUrl!;
    const client = new PlatformClient({
      ...config.platform,
      baseUrl: platformBaseUrl,
      logger: logger.child({ component: 'platform' }),
      onRequest: (report) => metrics.platformRequest(report),
    });
    platform = client;
    metrics.watchCircuit(() => client.circuitState);
    cutPlatformCalls = () => client.abortCalls();
    started.push({ dispose: () => client.close() });

    const built = await createFeatures({ config, db, platform: client, pubsub, logger, metrics, emulator });
    webhookHandler = built.webhook;
    contextFor = createContextFactory({ config, logger, platform: client, db, features: built.features });
    const purger = new RetentionPurger({ db, config: config.retention, logger: logger.child({ component: 'retention' }), onPurged: (kind, rows) => metrics.retentionPurged(kind, rows) });
    purger.start();
    started.push(purger);
    retention = purger;
    http.setPhase('ready');
    logger.info({ url, sandbox: config.sandbox, apps: config.apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey })) }, 'gateway ready');
    if (config.auth.enabled && config.auth.allowAnonymous) logger.warn({ anonymousRole: config.auth.anonymousRole }, 'anonymous GraphQL requests are allowed (auth.allowAnonymous)');
    return { url, banner: formatBanner(config, url, platformBaseUrl, metricsUrl), metricsUrl };
  };

  const shutdown = async (): Promise<void> => {
    try {
      // Requests waiting on the platform answer PLATFORM_UNAVAILABLE at once, so draining them is quick.
      cutPlatformCalls?.();
      await http?.close();
    } finally {
      await disposeAll(started.splice(0));
      emulator = null;
      retention = null;
    }
  };

  return {
    start() {
      starting ??= start().catch(async (err: unknown) => {
        await shutdown().catch((stopErr: unknown) => logger.error({ err: stopErr }, 'cleanup after a failed start failed'));
        throw err;
      });
      return starting;
    },
    stop() {
      stopping ??= (async () => {
        await starting?.catch(() => undefined);
        await shutdown();
      })();
      return stopping;
    },
    get url() {
      return url;
    },
    get metricsUrl() {
      return metricsUrl;
    },
    get emulator() {
      return emulator;
    },
    get retention() {
      return retention;
    },
  };
}

/** `webhooks.allowedSourceCidrs` as a predicate; null = any source. */
function sourceFilter(cidrs: readonly string[] | null): (address: string | undefined) => boolean {
  if (cidrs === null) return () => true;
  return createCidrMatcher(cidrs.map(parseCidr).filter((c): c is Cidr => c !== null));
}

/**
 * The sandbox platform: the emulator seeded with the sandbox apps, pushing to this gateway's webhook address
 * of each app (`/webhooks/<app>`, with its path token when the configuration gives one).
 */
async function startSandboxEmulator(config: Config, gatewayUrl: string, logger: Logger, overrides: GatewayOverrides, started: Disposable[]): Promise<Emulator> {
  const base = sandboxSeed(gatewayUrl);
  const apps = base.apps.map((app) => {
    const configured = config.apps.find((a) => a.name === app.name);
    return configured ? { ...app, push: { default: webhookUrl(gatewayUrl, configured) } } : app;
  });
  const seed = { ...base, apps, timeScale: config.sandboxTimeScale };
  // The sandbox platform keeps its state beside the store, so a restart finds every binding it listed.
  const stateFile = join(config.dataDir, EMULATOR_STATE_FILE);
  const emulator = await startEmulator({ logger: logger.child({ component: 'emulator' }), stateFile, ...overrides.emulator, seed });
  started.push({ dispose: () => emulator.stop() });
  return emulator;
}
