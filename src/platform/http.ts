import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { PlatformConfig } from '../config';
import type { Logger } from '../shared/logger';
import { PlatformCircuit } from './circuit';
import { CallScope, isRead, type Operation } from './operation';
import { PlatformError, isFlowControl } from './platform-error';
import { parseJson, readEnvelope, type RawResponse } from './response';
import { QueueFullError, Semaphore } from './semaphore';
import { signedHeaders } from './signing';
import { fromTransportError } from './transport-error';

/** An application's key pair (console "应用管理"): the key names the app, the secret signs its requests. */
export interface AppCredentials {
  appKey: string;
  appSecret: string;
}

/** The platform settings of the configuration (each documented there), with the access address known by now. */
export interface PlatformHttpOptions extends Omit<PlatformConfig, 'baseUrl'> {
  /** Access address, host and optional port, no path: `https://rtcpns.cn-north-1.myhuaweicloud.com`. */
  baseUrl: string;
  logger: Logger;
  dispatcher: Dispatcher;
  now: () => Date;
  /** Backoff between attempts; must end early (resolve or reject) when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Hears of every attempt sent (metrics); must not throw. */
  onRequest?: (report: PlatformRequestReport) => void;
}

/** One attempt sent to the platform, as `onRequest` hears of it. */
export interface PlatformRequestReport {
  /** The interface's inventory name, e.g. `AXB-4 query`. */
  operation: string;
  /** The answer's `resultcode` ("0" = success); `http_<status>` when the answer has none; else the failure kind (`timeout`, `network`, `aborted`, ...). */
  result: string;
  seconds: number;
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
   * The GraphQL operation's signal: once aborted no attempt starts (nor a retry), the wait for a slot ends,
   * a read in flight is cut (a write already sent is not: its outcome would be unknown), and the call throws
   * the signal's reason.
   */
  signal?: AbortSignal;
}

/** What the per-mode API objects need: one exchange at a time, with the retry rules. */
export type PlatformCaller = Pick<PlatformHttp, 'call'>;

const RETRY_BACKOFF_MS = 100;
const RETRY_BACKOFF_MAX_MS = 2000;

/**
 * Sends signed requests to the platform: a fresh Nonce and Created per attempt, one deadline per attempt
 * and one per call (the wait for a slot included), bounded concurrency and queue, a circuit breaker, and
 * retries only where sending again is safe (see `PlatformError.retryable`). Flow control is never waited
 * out: it is reported at once with `retryAfterSeconds`. Every request says `Connection: close`: the platform
 * closes each connection after answering, so a connection is never reused.
 */
export class PlatformHttp {
  private readonly semaphore: Semaphore;
  private readonly circuit: PlatformCircuit;
  private readonly baseUrl: string;
  private readonly closing = new AbortController();

  constructor(private readonly options: PlatformHttpOptions) {
    this.semaphore = new Semaphore(options.maxConcurrency, options.maxQueue);
    this.circuit = new PlatformCircuit({ failures: options.breakerFailures, halfOpenMs: options.breakerHalfOpenMs });
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** The circuit's state, for logs and tests. */
  get circuitState(): PlatformCircuit['state'] {
    return this.circuit.state;
  }

  /** Cuts every waiting and in-flight call at once (they fail `unavailable`); later calls fail the same way. */
  close(): void {
    this.closing.abort(new Error('platform client closed'));
  }

  /** Runs one exchange with the retry rules; throws the last PlatformError. */
  async call<T>(exchange: Exchange<T>): Promise<T> {
    const scope = new CallScope(this.options.callDeadlineMs, this.closing.signal, exchange.signal);
    try {
      return await this.callWithin(exchange, scope);
    } finally {
      scope.dispose();
    }
  }

  private async callWithin<T>(exchange: Exchange<T>, scope: CallScope): Promise<T> {
    const { operation } = exchange;
    let sent = false;
    for (let attempt = 0; ; attempt += 1) {
      try {
        this.throwIfEnded(operation, scope, sent);
        this.circuit.check(operation);
        return await this.semaphore.run(
          () => (this.throwIfEnded(operation, scope, sent), this.circuit.run(operation, () => ((sent = true), this.attempt(exchange, attempt, scope)))),
          scope.signal,
        );
      } catch (caught) {
        const error = this.toCallError(operation, caught, scope, sent);
        if (!error.retryable || attempt >= this.options.maxRetries || error.kind === 'unavailable' || this.isFlowControl(error)) throw error;
        await this.options.sleep(Math.min(RETRY_BACKOFF_MS * 2 ** attempt, RETRY_BACKOFF_MAX_MS), scope.signal).catch(() => undefined);
        this.throwIfEnded(operation, scope, sent);
      }
    }
  }

  /** Any HTTP answer from the base URL (even 404) means reachable. One attempt, unsigned, outside the circuit. */
  async ping(): Promise<void> {
    const operation: Operation = { name: 'ping', method: 'GET', uri: '/' };
    const scope = new CallScope(this.options.callDeadlineMs, this.closing.signal, undefined);
    try {
      await this.semaphore.run(
        () => this.exchangeOnce(operation, `${this.baseUrl}/`, { accept: 'application/json', connection: 'close' }, undefined, scope.signal),
        scope.signal,
      );
    } catch (caught) {
      throw this.toCallError(operation, caught, scope, true);
    } finally {
      scope.dispose();
    }
  }

  private isFlowControl(error: PlatformError): boolean {
    return error.kind === 'rejected' && isFlowControl(error.resultcode, error.resultdesc);
  }

  /** Throws at once when the call was cut: the caller's reason as is, else `unavailable` (shutdown) or `timeout`. */
  private throwIfEnded(operation: Operation, scope: CallScope, sent: boolean): void {
    if (scope.ended() !== undefined) throw this.toCallError(operation, undefined, scope, sent);
  }

  /**
   * What a failed call reports: the caller's abort reason when it went away; `unavailable` on shutdown, a
   * full queue or an open circuit; `timeout` when the call's deadline passed (retryable when nothing was
   * sent or the call is a read); flow control with `retryAfterSeconds`; else the attempt's PlatformError.
   */
  private toCallError(operation: Operation, caught: unknown, scope: CallScope, sent: boolean): PlatformError {
    const ended = scope.ended();
    const safe = !sent || isRead(operation.method);
    switch (ended) {
      case 'caller':
        throw scope.callerReason;
      case 'closed':
        return new PlatformError(operation, { kind: 'unavailable', retryable: safe, reason: 'the gateway is shutting down', cause: caught });
      case 'deadline':
        // An answer that came back (a refusal, a wrong shape) is still the news, whatever the time.
        if (caught instanceof PlatformError && (caught.kind === 'rejected' || caught.kind === 'bad-response')) return this.fromAttempt(operation, caught);
        return new PlatformError(operation, {
          kind: 'timeout',
          retryable: safe,
          reason: sent ? `no answer within the call deadline (${this.options.callDeadlineMs} ms)` : `no platform slot free within ${this.options.callDeadlineMs} ms (not sent)`,
          cause: caught,
        });
      case undefined:
        return this.fromAttempt(operation, caught);
    }
  }

  /** A failure while the call still runs: a full queue, flow control (with `retryAfterSeconds`), or the attempt's own error. */
  private fromAttempt(operation: Operation, caught: unknown): PlatformError {
    if (caught instanceof QueueFullError) {
      return new PlatformError(operation, { kind: 'unavailable', retryable: true, reason: `too many platform calls waiting (${caught.maxQueue} queued)` });
    }
    if (!(caught instanceof PlatformError)) throw caught;
    if (this.isFlowControl(caught)) return caught.with(operation, { retryAfterSeconds: Math.max(1, Math.ceil(this.options.flowControlWaitMs / 1000)) });
    return caught;
  }

  private async attempt<T>(exchange: Exchange<T>, attempt: number, scope: CallScope): Promise<T> {
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
      // A read in flight is cut when the operation is aborted; a write already sent runs to its answer (or
      // the deadline), so the caller learns what the platform did (and the mirror can follow).
      raw = await this.exchangeOnce(operation, url, headers, payload, isRead(operation.method) ? scope.signal : scope.writeSignal);
    } catch (err) {
      const ended = scope.ended();
      if (ended === 'caller' || ended === 'closed') {
        this.logAttempt(operation, attempt, started, { kind: 'aborted', by: ended });
        this.report(operation, 'aborted', started);
        // Not a platform fault: the circuit must not count it.
        throw ended === 'caller' ? scope.callerReason : this.toCallError(operation, err, scope, true);
      }
      const error = fromTransportError(operation, ended === 'deadline' ? undefined : err, ended === 'deadline');
      this.logAttempt(operation, attempt, started, { kind: error.kind, reason: error.reason });
      this.report(operation, error.kind, started);
      throw error;
    }
    const envelope = readEnvelope(parseJson(raw.text));
    this.logAttempt(operation, attempt, started, { status: raw.status, resultcode: envelope?.resultcode });
    this.report(operation, envelope?.resultcode ?? `http_${raw.status}`, started);
    return exchange.interpret(raw);
  }

  /** One HTTP exchange under the per-attempt deadline; the whole body is read before returning. */
  private async exchangeOnce(
    operation: Operation,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
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
        signal: AbortSignal.any([deadline.signal, signal]),
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    } catch (err) {
      throw fromTransportError(operation, err, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  private report(operation: Operation, result: string, started: number): void {
    this.options.onRequest?.({ operation: operation.name, result, seconds: (performance.now() - started) / 1000 });
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
