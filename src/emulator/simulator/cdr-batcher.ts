import type { FeeInfo } from '../../platform/push-wire';
import type { AppState } from '../state';
import type { ActivityTracker } from './activity';
import type { PushSender } from './push-sender';
import type { TimerSet } from './timer-set';

interface Batch {
  readonly app: AppState;
  readonly records: FeeInfo[];
  cancel(): void;
  release(): void;
}

export interface CdrBatcherDeps {
  sender: PushSender;
  timers: TimerSet;
  activity: ActivityTracker;
  /** Real ms a batch stays open after its first record. */
  windowMs: number;
  /** Records that close a batch at once. */
  max: number;
}

/**
 * Merges the CDRs of one app's calls that end within a short window into one `fee` push of at most `max`
 * records (push-api.md §3.1). A batch opens with its first record and leaves when the window closes or
 * it is full; it is then retried like every CDR push.
 */
export class CdrBatcher {
  private readonly open = new Map<string, Batch>();

  constructor(private readonly deps: CdrBatcherDeps) {}

  add(app: AppState, record: FeeInfo): void {
    const batch = this.open.get(app.name) ?? this.openBatch(app);
    batch.records.push(record);
    if (batch.records.length >= this.deps.max) this.flush(batch);
  }

  private openBatch(app: AppState): Batch {
    const batch: Batch = {
      app,
      records: [],
      cancel: this.deps.timers.after(this.deps.windowMs, () => this.flush(batch)),
      release: this.deps.activity.hold(),
    };
    this.open.set(app.name, batch);
    return batch;
  }

  private flush(batch: Batch): void {
    if (this.open.get(batch.app.name) !== batch) return;
    this.open.delete(batch.app.name);
    batch.cancel();
    void this.deps.sender.send({ kind: 'fee', app: batch.app, body: { eventType: 'fee', feeLst: batch.records }, retry: true });
    batch.release();
  }
}
