import { performance } from 'node:perf_hooks';
import type { PushBody } from '../../platform/push-wire';
import { signedHeaders } from '../../platform/signing';
import type { Logger } from '../../shared/logger';
import type { Clock } from '../clock';
import type { AppState } from '../state';
import type { ActivityTracker } from './activity';
import { postJson, type PostInFlight, type PostOutcome } from './push-http';
import type { PushAttempt, PushKind, PushLog, PushRecord } from './push-log';
import { pushUrl } from './push-targets';
import type { SimulatorOptions } from './simulator-options';
import type { TimerSet } from './timer-set';

export interface PushRequest {
  kind: PushKind;
  app: AppState;
  body: PushBody;
  /** sessionId or smsIdentifier, for the log. */
  key?: string;
  /** false: one attempt only (SMS Block decisions are synchronous, push-api.md §1.4). */
  retry: boolean;
  /** Response timeout of each attempt, real ms. Default `pushTimeoutMs`. */
  timeoutMs?: number;
}

/** What the first attempt brought: `skipped` when the app has no address for this kind. */
export type FirstAttempt =
  | { kind: 'skipped' }
  | { kind: 'answered'; record: PushRecord; status: number; body: string }
  | { kind: 'failed'; record: PushRecord; error: string };

export interface PushSenderDeps {
  log: PushLog;
  clock: Clock;
  timers: TimerSet;
  activity: ActivityTracker;
  logger: Logger;
  options: SimulatorOptions;
}

/**
 * Sends pushes like the platform: POST, signed with the app's key and secret (a fresh nonce and `Created`
 * per attempt, or the first attempt's headers again with `retrySameSignature`), a fresh connection each. Success is HTTP 200 only. A failed push is retried at the
 * scheduled offsets after its first failure (scaled), then given up with a warning.
 */
export class PushSender {
  private readonly inFlight = new Set<PostInFlight>();
  private stopped = false;

  constructor(private readonly deps: PushSenderDeps) {}

  /** Logs and sends a push; resolves after the first attempt. Retries go on in the background. */
  async send(req: PushRequest): Promise<FirstAttempt> {
    const url = pushUrl(req.app.push, req.kind);
    if (url === undefined || this.stopped) return { kind: 'skipped' };
    const record = this.deps.log.add({ kind: req.kind, app: req.app.name, url, body: req.body, ...(req.key ? { key: req.key } : {}) });
    const release = this.deps.activity.hold();
    const outcome = await this.attempt(req, record);
    if ('error' in outcome || outcome.status !== 200) this.afterFailure(req, record, release);
    else release();
    return 'error' in outcome ? { kind: 'failed', record, error: outcome.error } : { kind: 'answered', record, ...outcome };
  }

  /** Aborts attempts in flight and marks unfinished pushes cancelled; later sends are skipped. */
  stop(): void {
    this.stopped = true;
    for (const p of this.inFlight) p.abort();
    for (const r of this.deps.log.all()) {
      if (r.state !== 'delivered' && r.state !== 'gaveUp') this.setState(r, 'cancelled');
    }
  }

  private async attempt(req: PushRequest, record: PushRecord): Promise<PostOutcome> {
    const { app } = req;
    const first = record.attempts[0];
    const headers =
      this.deps.options.retrySameSignature && first
        ? first.headers
        : signedHeaders(app.pushScheme ?? this.deps.options.pushScheme, app.appKey, app.appSecret, new Date(this.deps.clock.now()));
    const attempt: PushAttempt = { at: this.deps.clock.now(), headers };
    record.attempts.push(attempt);
    this.setState(record, 'sending');
    const post = postJson(record.url, headers, JSON.stringify(record.body), req.timeoutMs ?? this.deps.options.pushTimeoutMs);
    this.inFlight.add(post);
    const outcome = await post.outcome;
    this.inFlight.delete(post);
    if ('error' in outcome) attempt.error = outcome.error;
    else Object.assign(attempt, { status: outcome.status, responseBody: outcome.body });
    if (this.stopped) return outcome;
    if (!('error' in outcome) && outcome.status === 200) {
      record.delivered = true;
      this.setState(record, 'delivered');
    }
    return outcome;
  }

  /** Schedules the retries of a push whose first attempt failed, each at its offset from that failure. */
  private afterFailure(req: PushRequest, record: PushRecord, release: () => void): void {
    if (this.stopped) return release();
    const schedule = req.retry ? this.deps.options.retryScheduleSeconds : [];
    const failedAt = performance.now();
    const next = (i: number): void => {
      if (i >= schedule.length) return this.giveUp(record, release);
      this.setState(record, 'retryWait');
      const delay = failedAt + this.deps.clock.scaled(schedule[i]) - performance.now();
      this.deps.timers.after(delay, () => {
        void this.attempt(req, record).then((o) => {
          if (this.stopped) return release();
          if (!('error' in o) && o.status === 200) release();
          else next(i + 1);
        });
      });
    };
    next(0);
  }

  private giveUp(record: PushRecord, release: () => void): void {
    this.setState(record, 'gaveUp');
    const last = record.attempts[record.attempts.length - 1];
    this.deps.logger.warn(
      { kind: record.kind, app: record.app, url: record.url, key: record.key, attempts: record.attempts.length, status: last?.status, error: last?.error },
      'push given up',
    );
    release();
  }

  private setState(record: PushRecord, state: PushRecord['state']): void {
    record.state = state;
    this.deps.log.changed(record);
  }
}
