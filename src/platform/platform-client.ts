import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import type { Logger } from '../shared/logger';
import { createAxApi, type AxApi } from './ax-api';
import { createAxbApi, type AxbApi } from './axb-api';
import { createAxeApi, type AxeApi } from './axe-api';
import { createAxybApi, type AxybApi } from './axyb-api';
import { createCallApi, type CallApi } from './call-api';
import { PlatformHttp, type AppCredentials, type PlatformCaller } from './http';
import { createRecordingApi, type RecordingApi } from './recording-api';
import type { AuthScheme } from './signing';

export type { AppCredentials } from './http';

export interface PlatformClientOptions {
  /** Access address (host and optional port), e.g. `https://rtcpns.cn-north-1.myhuaweicloud.com`. */
  baseUrl: string;
  /** `aksk` (X-AKSK, HMAC-SHA256) or the legacy `wsse` (X-WSSE, SHA256). */
  authScheme: AuthScheme;
  /** Deadline of one attempt, milliseconds (config default 10000). */
  timeoutMs: number;
  /** Attempts after the first, only where sending again is safe (config default 2). */
  maxRetries: number;
  /** Wait after a flow-control refusal, milliseconds (config default 60000). */
  flowControlWaitMs: number;
  /** Requests in flight at most; the rest queue (config default 16). */
  maxConcurrency: number;
  logger: Logger;
  /**
   * Where requests go. Default: an Agent owned (and closed) by this client. An injected dispatcher stays its
   * owner's to close; pass one to use a custom CA or to intercept traffic in tests.
   */
  dispatcher?: Dispatcher;
  /** Clock for `Created` and recording URL expiry. Default: the system clock. */
  now?: () => Date;
  /** Waits between attempts (backoff, flow control). Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** Everything one application (one APP_Key) may call; the platform rejects a mode's interfaces for another mode's app (1010040). */
export interface AppApi {
  axb: AxbApi;
  ax: AxApi;
  axe: AxeApi;
  axyb: AxybApi;
  calls: CallApi;
  recordings: RecordingApi;
}

/** What features call: the interfaces of one app. `PlatformClient` and its per-operation views (`withSignal`). */
export interface PlatformApps {
  app(credentials: AppCredentials): AppApi;
}

/**
 * The platform's REST API (rest-api.md). One instance per platform access address; it owns one undici Agent
 * (unless a dispatcher is injected) and shares its concurrency bound across all apps.
 */
export class PlatformClient {
  private readonly http: PlatformHttp;
  private readonly ownAgent: Agent | undefined;
  private readonly apps = new Map<string, { secret: string; api: AppApi }>();
  private readonly now: () => Date;

  constructor(options: PlatformClientOptions) {
    let dispatcher = options.dispatcher;
    if (dispatcher === undefined) {
      this.ownAgent = createAgent(options.timeoutMs);
      dispatcher = this.ownAgent;
    }
    this.now = options.now ?? (() => new Date());
    this.http = new PlatformHttp({
      baseUrl: options.baseUrl,
      authScheme: options.authScheme,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      flowControlWaitMs: options.flowControlWaitMs,
      maxConcurrency: options.maxConcurrency,
      logger: options.logger,
      dispatcher,
      now: this.now,
      sleep: options.sleep ?? ((ms) => delay(ms)),
    });
  }

  /** The interfaces, signed with these credentials. Cheap; cached per appKey. */
  app(credentials: AppCredentials): AppApi {
    const cached = this.apps.get(credentials.appKey);
    if (cached && cached.secret === credentials.appSecret) return cached.api;
    const api = this.appApi(this.http, credentials);
    this.apps.set(credentials.appKey, { secret: credentials.appSecret, api });
    return api;
  }

  /**
   * The same interfaces for one GraphQL operation: every call carries `signal`, so when the operation is
   * aborted (deadline, client gone) no further request starts and the one in flight is cut. Shares this
   * client's connections and concurrency bound.
   */
  withSignal(signal: AbortSignal): PlatformApps {
    const http: PlatformCaller = { call: (exchange) => this.http.call({ ...exchange, signal }) };
    return { app: (credentials) => this.appApi(http, credentials) };
  }

  private appApi(http: PlatformCaller, credentials: AppCredentials): AppApi {
    const creds: AppCredentials = { appKey: credentials.appKey, appSecret: credentials.appSecret };
    return {
      axb: createAxbApi(http, creds),
      ax: createAxApi(http, creds),
      axe: createAxeApi(http, creds),
      axyb: createAxybApi(http, creds),
      calls: createCallApi(http, creds),
      recordings: createRecordingApi(http, creds, this.now),
    };
  }

  /** Readiness: any HTTP answer from the base URL (even 404) counts. Throws PlatformError (timeout, network) otherwise. */
  ping(): Promise<void> {
    return this.http.ping();
  }

  /** Closes the owned Agent, waiting for requests in flight. An injected dispatcher is left open. */
  async close(): Promise<void> {
    await this.ownAgent?.close();
  }
}

/**
 * No keep-alive reliance: every request says `Connection: close` and the platform closes after answering,
 * so each request gets its own connection. The connect timeout is half the attempt deadline, so a connection
 * that never opens is reported as "not sent" (safe to retry, even for a bind) before the deadline fires.
 */
function createAgent(timeoutMs: number): Agent {
  const connectTimeoutMs = Math.max(1, Math.floor(timeoutMs / 2));
  return new Agent({ connect: { timeout: connectTimeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}
