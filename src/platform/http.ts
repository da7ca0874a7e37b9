import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../shared/logger';
import { isRead, type Operation } from './operation';
import { PlatformError, isFlowControl } from './platform-error';
import { parseJson, readEnvelope, type RawResponse } from './response';
import { Semaphore } from './semaphore';
import { signedHeaders, type AuthScheme } from './signing';
import { fromTransportError } from './transport-error';

/** An application's key pair (console "应用管理"): the key names the app, the secret signs its requests. */
export interface AppCredentials {
  appKey: string;
  appSecret: string;
}

export interface PlatformHttpOptions {
  /** Access address, host and optional port, no path: `https://rtcpns.cn-north-1.myhuaweicloud.com`. */
  baseUrl: string;
  authScheme: AuthScheme;
  /** Deadline of one attempt (connect, headers and body), milliseconds. */
  timeoutMs: number;
  /** Attempts after the first, for failures that are safe to send again. */
  maxRetries: number;
  /** Wait after a flow-control refusal before the next attempt, milliseconds. */
  flowControlWaitMs: number;
  /** Requests in flight at most; the rest queue. */
  maxConcurrency: number;
  logger: Logger;
  dispatcher: Dispatcher;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/** One call: which interface, whose credentials, its parameters, and how to read the answer. */
export interface Exchange<T> {
  operation: Operation;
  credentials: AppCredentials;
  /**
   * URL query parameters: all of a GET/DELETE's parameters, and `app_key` for AXYB. A flat object of
   * strings, numbers and booleans (a wire request DTO); undefined values are left out.
   */
  query?: object;
  /** JSON body for POST/PUT. */
  body?: object;
  /** Turns the answer into the result or throws the PlatformError it stands for. */
  interpret: (raw: RawResponse) => T;
  /**
   * The GraphQL operation's signal: once aborted no attempt starts (nor a retry), a read in flight is cut
   * (a write already sent is not: its outcome would be unknown), and the call throws the signal's reason.
   */
  signal?: AbortSignal;
}

/** What the per-mode API objects need: one exchange at a time, with the retry rules. */
export type PlatformCaller = Pick<PlatformHttp, 'call'>;

const RETRY_BACKOFF_MS = 100;
const RETRY_BACKOFF_MAX_MS = 2000;

/**
 * Sends signed requests to the platform: a fresh Nonce and Created per attempt, one deadline per attempt,
 * bounded concurrency, and retries only where sending again is safe (see `PlatformError.retryable`).
 * Every request says `Connection: close`: the platform closes each connection after answering, so a
 * connection is never reused.
 */
export class PlatformHttp {
  private readonly semaphore: Semaphore;
  private readonly baseUrl: string;

  constructor(private readonly options: PlatformHttpOptions) {
    this.semaphore = new Semaphore(options.maxConcurrency);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Runs one exchange with the retry rules; throws the last PlatformError. */
  async call<T>(exchange: Exchange<T>): Promise<T> {
    const { signal } = exchange;
    for (let attempt = 0; ; attempt += 1) {
      try {
        signal?.throwIfAborted();
        return await this.semaphore.run(() => (signal?.throwIfAborted(), this.attempt(exchange, attempt)));
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!(error instanceof PlatformError)) throw error;
        if (!error.retryable || attempt >= this.options.maxRetries) throw error;
        await this.options.sleep(this.waitBeforeRetry(error, attempt));
      }
    }
  }

  /** Any HTTP answer from the base URL (even 404) means reachable. One attempt, unsigned. */
  async ping(): Promise<void> {
    const operation: Operation = { name: 'ping', method: 'GET', uri: '/' };
    await this.semaphore.run(() =>
      this.exchangeOnce(operation, `${this.baseUrl}/`, { accept: 'application/json', connection: 'close' }, undefined),
    );
  }

  private waitBeforeRetry(error: PlatformError, attempt: number): number {
    if (error.kind === 'rejected' && isFlowControl(error.resultcode, error.resultdesc)) return this.options.flowControlWaitMs;
    return Math.min(RETRY_BACKOFF_MS * 2 ** attempt, RETRY_BACKOFF_MAX_MS);
  }

  private async attempt<T>(exchange: Exchange<T>, attempt: number): Promise<T> {
    const { operation, credentials, query, body } = exchange;
    const headers = {
      'content-type': 'application/json;charset=UTF-8',
      accept: 'application/json',
      connection: 'close',
      ...signedHeaders(this.options.authScheme, credentials.appKey, credentials.appSecret, this.options.now()),
    };
    const url = `${this.baseUrl}${operation.uri}${toQueryString(query)}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    let raw: RawResponse;
    try {
      // A read in flight is cut when the operation is aborted; a write already sent runs to its answer, so
      // the caller learns what the platform did (and the mirror can follow).
      raw = await this.exchangeOnce(operation, url, headers, payload, isRead(operation.method) ? exchange.signal : undefined);
    } catch (err) {
      if (exchange.signal?.aborted) {
        this.logAttempt(operation, attempt, started, { kind: 'aborted' });
        throw exchange.signal.reason;
      }
      const error = fromTransportError(operation, err, false);
      this.logAttempt(operation, attempt, started, { kind: error.kind, reason: error.reason });
      throw error;
    }
    const envelope = readEnvelope(parseJson(raw.text));
    this.logAttempt(operation, attempt, started, { status: raw.status, resultcode: envelope?.resultcode });
    return exchange.interpret(raw);
  }

  /** One HTTP exchange under the per-attempt deadline; the whole body is read before returning. */
  private async exchangeOnce(
    operation: Operation,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    const { timeoutMs, dispatcher } = this.options;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      const res = await request(url, {
        dispatcher,
        method: operation.method,
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: signal ? AbortSignal.any([deadline.signal, signal]) : deadline.signal,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    } catch (err) {
      throw fromTransportError(operation, err, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Debug line per attempt: no headers, no query string (it carries numbers), no body. */
  private logAttempt(operation: Operation, attempt: number, started: number, outcome: Record<string, unknown>): void {
    const durationMs = Math.round(performance.now() - started);
    this.options.logger.debug(
      { interface: operation.name, method: operation.method, uri: operation.uri, attempt, durationMs, ...outcome },
      'platform call',
    );
  }
}

/** `?a=1&b=%2B86...`: encodeURIComponent escapes `+` as `%2B`, as the platform requires for numbers. */
export function toQueryString(query: object | undefined): string {
  if (query === undefined) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]: [string, unknown]) => `${encodeURIComponent(k)}=${encodeURIComponent(queryValue(k, v))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function queryValue(key: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`Query parameter ${key} must be a string, number or boolean`);
}
