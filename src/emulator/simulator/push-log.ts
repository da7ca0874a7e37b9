import { EventEmitter } from 'node:events';
import type { PushBody } from '../../platform/push-wire';
import type { ActivityTracker } from './activity';

/** The platform's push kinds, each with its own configured address (push-api.md §0). */
export type PushKind = 'callStatus' | 'fee' | 'smsNotify' | 'smsBlock' | 'numStatus';

/**
 * Where a push stands. `retryWait`: the last attempt failed and a retry is scheduled. `gaveUp`: the retry
 * schedule is used up (or the push is never retried, as SMS Block decisions). `cancelled`: the emulator stopped.
 */
export type PushState = 'queued' | 'sending' | 'retryWait' | 'delivered' | 'gaveUp' | 'cancelled';

/** One HTTP attempt: the headers sent (fresh nonce each time) and the HTTP status, or the transport error. */
export interface PushAttempt {
  /** Emulator clock, epoch ms, when the attempt started. */
  readonly at: number;
  readonly headers: Readonly<Record<string, string>>;
  status?: number;
  error?: string;
  /** The response body (at most 64 KiB), kept because an SMS Block answer decides the SMS's fate. */
  responseBody?: string;
}

export interface PushRecord {
  /** 1, 2, 3…: the order pushes were created in. */
  readonly id: number;
  readonly kind: PushKind;
  /** The app's name. */
  readonly app: string;
  readonly url: string;
  readonly body: PushBody;
  /** The sessionId or smsIdentifier the push belongs to; absent for CDR batches and number status. */
  readonly key?: string;
  readonly attempts: PushAttempt[];
  state: PushState;
  /** True once an attempt got HTTP 200. */
  delivered: boolean;
}

type ChangeListener = (record: PushRecord) => void;

const FINISHED: ReadonlySet<PushState> = new Set(['delivered', 'gaveUp', 'cancelled']);

/**
 * Pushes the simulator made, for tests and the sandbox: each with its attempts and state. Listeners hear
 * about every change (a new push, an attempt started or answered, a state change). Holds at most
 * `maxEntries`: beyond, the oldest finished pushes are forgotten, so a long-running sandbox stays small.
 */
export class PushLog {
  private readonly records: PushRecord[] = [];
  private readonly events = new EventEmitter();
  private nextId = 1;

  constructor(
    private readonly activity: ActivityTracker,
    private readonly maxEntries: number,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Every push so far, oldest first. */
  all(): readonly PushRecord[] {
    return this.records;
  }

  /** Pushes of one call or SMS (by sessionId or smsIdentifier), oldest first. */
  byKey(key: string): PushRecord[] {
    return this.records.filter((r) => r.key === key);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.events.on('change', listener);
    return () => void this.events.off('change', listener);
  }

  /**
   * The first push (already logged or to come) for which `predicate` holds, evaluated again on every
   * change; rejects after `timeoutMs` real ms.
   */
  waitFor(predicate: (record: PushRecord) => boolean, timeoutMs = 5000): Promise<PushRecord> {
    const found = this.records.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching push within ${timeoutMs} ms (${this.records.length} pushes logged)`));
      }, timeoutMs);
      const off = this.onChange((record) => {
        if (!predicate(record)) return;
        clearTimeout(timer);
        off();
        resolve(record);
      });
    });
  }

  /** Resolves when no call or SMS is playing and no push is queued, in flight or waiting for a retry. */
  settled(): Promise<void> {
    return this.activity.idle();
  }

  /** Logs a new push (state `queued`). For the push sender. */
  add(entry: Omit<PushRecord, 'id' | 'attempts' | 'state' | 'delivered'>): PushRecord {
    const record: PushRecord = { ...entry, id: this.nextId, attempts: [], state: 'queued', delivered: false };
    this.nextId += 1;
    this.records.push(record);
    this.trim();
    this.changed(record);
    return record;
  }

  private trim(): void {
    while (this.records.length > this.maxEntries) {
      const oldest = this.records.findIndex((r) => FINISHED.has(r.state));
      if (oldest < 0) return;
      this.records.splice(oldest, 1);
    }
  }

  /** Tells listeners a record changed. For the push sender. */
  changed(record: PushRecord): void {
    this.events.emit('change', record);
  }
}
