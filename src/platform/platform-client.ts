import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import type { Logger } from '../shared/logger';
import { createAxApi, type AxApi } from './ax-api';
import { createAxbApi, type AxbApi } from './axb-api';
import { createAxeApi, type AxeApi } from './axe-api';
import { createAxybApi, type AxybApi } from './axyb-api';
import { createCallApi, type CallApi } from './call-api';
import { PlatformHttp, type AppCredentials, type PlatformCaller, type PlatformRequestReport } from './http';
import { createRecordingApi, type RecordingApi } from './recording-api';
import type { AuthScheme } from './signing';

export type { AppCredentials, PlatformRequestReport } from './http';

/** Defaults of the optional resilience settings (the same as config.ts). */
export const PLATFORM_DEFAULTS = { maxQueue: 64, callDeadlineMs: 20_000, breakerFailures: 5, breakerHalfOpenMs: 10_000 } as const;

export interface PlatformClientOptions {
  /** Access address (host and optional port), e.g. `https://rtcpns.cn-north-1.myhuaweicloud.com`. */
  baseUrl: string;
  /** `aksk` (X-AKSK, HMAC-SHA256) or the legacy `wsse` (X-WSSE, SHA256). */
  authScheme: AuthScheme;
  /** Deadline of one attempt, milliseconds (config default 10000). */
  timeoutMs: number;
  /** Attempts after the first, only where sending again is safe (config default 2). */
  maxRetries: number;
  /** After a flow-control refusal, when to send again, milliseconds: the `retryAfterSeconds` reported (config default 60000). Never waited out. */
  flowControlWaitMs: number;
  /** Requests in flight at most; up to `maxQueue` more wait (config default 16). */
  maxConcurrency: number;
  /** Calls waiting for a slot at most; beyond, refused at once as unavailable (default 64). */
  maxQueue?: number;
  /** One call's deadline, milliseconds: wait for a slot, attempts and backoff (default 20000). */
  callDeadlineMs?: number;
  /** Consecutive platform faults (timeouts, broken connections, 5xx, wrong shapes) that open the circuit; 0 = never (default 5). */
  breakerFailures?: number;
  /** How long an open circuit refuses calls before letting one try, milliseconds (default 10000). */
  breakerHalfOpenMs?: number;
  logger: Logger;
  /**
   * Where requests go. Default: an Agent owned (and closed) by this client. An injected dispatcher stays its
   * owner's to close; pass one to use a custom CA or to intercept traffic in tests.
   */
  dispatcher?: Dispatcher;
  /** Clock for `Created` and recording URL expiry. Default: the system clock. */
  now?: () => Date;
  /** Waits between attempts (backoff); ends early when the signal aborts. Default: a timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Hears of every attempt sent, with its interface, result code and duration (the gateway's metrics). */
  onRequest?: (report: PlatformRequestReport) => void;
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
  private closing: Promise<void> | null = null;

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
      maxQueue: options.maxQueue ?? PLATFORM_DEFAULTS.maxQueue,
      callDeadlineMs: options.callDeadlineMs ?? PLATFORM_DEFAULTS.callDeadlineMs,
      breakerFailures: options.breakerFailures ?? PLATFORM_DEFAULTS.breakerFailures,
      breakerHalfOpenMs: options.breakerHalfOpenMs ?? PLATFORM_DEFAULTS.breakerHalfOpenMs,
      logger: options.logger,
      dispatcher,
      now: this.now,
      sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal })),
      onRequest: options.onRequest,
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

  /** `closed`, `open` or `half-open`: the circuit to this access address. */
  get circuitState(): 'closed' | 'open' | 'half-open' {
    return this.http.circuitState;
  }

  /**
   * Cuts every call waiting for a slot and every request in flight at once (they fail PLATFORM_UNAVAILABLE;
   * a write cut this way has an unknown outcome), refuses later calls, and destroys the owned Agent. An
   * injected dispatcher is left open.
   */
  async close(): Promise<void> {
    this.abortCalls();
    this.closing ??= this.ownAgent?.destroy() ?? Promise.resolve();
    await this.closing;
  }

  /** The first half of `close()`: cuts waiting and in-flight calls and refuses new ones; connections are left to `close()`. */
  abortCalls(): void {
    this.http.close();
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
