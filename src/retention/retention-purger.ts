import type { RetentionConfig } from '../config';
import type { Disposable } from '../shared/disposable';
import type { Logger } from '../shared/logger';
import type { Db } from '../store/db';
import { PURGE_STEPS, type PurgeKind } from './purge-steps';

export type PurgeReport = Record<PurgeKind, number>;

export interface RetentionPurgerOptions {
  db: Db;
  config: RetentionConfig;
  logger: Logger;
  /** Rows purged per kind, for the metrics. */
  onPurged?: (kind: PurgeKind, rows: number) => void;
  now?: () => Date;
}

/**
 * Deletes (or empties) stored personal data past its retention, every `purgeIntervalMinutes`. Each step
 * runs as many short statements of at most `batchSize` rows as it needs, one at a time, and yields to the
 * event loop between them: a push waits at most one batch for the store, never a whole purge. Several
 * instances may purge the same database at once; the statements are idempotent, so they only share the work.
 */
export class RetentionPurger implements Disposable {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PurgeReport> | null = null;
  private stopped = false;

  constructor(private readonly options: RetentionPurgerOptions) {}

  /** Schedules the purges; the first one runs after `firstDelayMs` (start-up stays fast). */
  start(firstDelayMs = 60_000): void {
    const every = this.options.config.purgeIntervalMinutes * 60_000;
    const schedule = (delay: number) => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.runOnce()
          .catch((err: unknown) => this.options.logger.error({ err }, 'retention purge failed; trying again at the next interval'))
          .finally(() => schedule(every));
      }, delay);
      this.timer.unref();
    };
    schedule(firstDelayMs);
  }

  /** One purge of every kind, as of `at` (default now); concurrent calls share the run in progress. */
  runOnce(at: Date = (this.options.now ?? (() => new Date()))()): Promise<PurgeReport> {
    this.running ??= this.purge(at).finally(() => (this.running = null));
    return this.running;
  }

  private async purge(at: Date): Promise<PurgeReport> {
    const { db, config } = this.options;
    const report = Object.fromEntries(PURGE_STEPS.map((s) => [s.kind, 0])) as PurgeReport;
    for (const step of PURGE_STEPS) {
      const days = config[step.keptFor];
      if (days === 0) continue;
      const cutoff = new Date(at.getTime() - days * 86_400_000);
      for (;;) {
        if (this.stopped) return report;
        const { rows } = await db.query<{ n: number }>(step.sql, [cutoff, config.batchSize]);
        const n = Number(rows[0]?.n ?? 0);
        report[step.kind] += n;
        if (n > 0) this.options.onPurged?.(step.kind, n);
        if (n < config.batchSize) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    const purged = Object.entries(report).filter(([, n]) => n > 0);
    if (purged.length > 0) this.options.logger.info({ purged: Object.fromEntries(purged) }, 'retention purge');
    return report;
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
