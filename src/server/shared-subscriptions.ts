import { setImmediate as nextTurn } from 'node:timers/promises';
import { type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLFormattedError, subscribe } from 'graphql';
import { SlowConsumerError } from '../events/log-reader';
import type { StreamObserver, SubscriptionKind } from '../events/stream-observer';
import { isAsyncIterable } from './graphql-ws-streams';
import type { ShareKey } from './share-key';
import { SharedSubscriber, type SubscriberOptions } from './shared-subscriber';

export interface SharedSubscriptionsOptions {
  /** Per subscriber: frames its socket has not written yet past which a client that makes no progress is cut. */
  bufferEntries: number;
  /** Formats a result's errors as the client sees them (once per event for every sharer). */
  formatErrors(errors: readonly GraphQLError[], requestError: boolean): GraphQLFormattedError[];
  /** Opened/ended per extra sharer (the log reader reports the one source stream), cut per subscriber. */
  observer: StreamObserver;
  /** One execution of a shared subscription's selection set; `deliveries` frames written from it. */
  executed(kind: SubscriptionKind, deliveries: number): void;
}

/** What one subscriber brings to `subscribe`: its share key, how to build the shared context, itself. */
export interface ShareRequest extends ShareKey {
  /** The context of the shared execution: its own abort signal (aborted when the last sharer leaves). */
  context(signal: AbortSignal, onSlowConsumer: () => void): unknown;
  subscriber: SubscriberOptions;
  /** Its errors of each shared result (formatted, and as raised), for its operation log. */
  onErrors(formatted: GraphQLFormattedError[], original: readonly GraphQLError[]): void;
}

/**
 * A subscriber cut at most this many times the buffer limit behind, even if its client still reads: past
 * it, resuming with `after:` is cheaper than holding the frames.
 */
const HARD_LIMIT_FACTOR = 4;

/**
 * Identical subscriptions (same share key, see share-key.ts) of the process: one source stream and one
 * execution per event for all of them; each result is serialized once and every subscriber gets the same
 * bytes in a `next` frame built by concatenation (one frame per distinct operation id). A group opens with
 * its first subscriber and returns its source stream when the last one leaves; a subscriber arriving while
 * the group opens waits for it; if opening fails (an error result), each waiting subscriber subscribes on its
 * own, so every one gets its own answer. Per subscriber stay: its operation id, its expiry, its
 * complete/cancel, and the slow-consumer cut — the group never waits for a socket.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, Promise<Group | null>>();

  constructor(private readonly options: SharedSubscriptionsOptions) {}

  /** graphql-ws's `subscribe` for a shareable operation: the subscriber's result stream, or an error result. */
  async subscribe(args: ExecutionArgs, request: ShareRequest): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    for (;;) {
      const opening = this.groups.get(request.key);
      if (!opening) return this.open(args, request);
      // A group that failed to open is forgotten before `opening` settles: the loop then opens its own.
      const group = await opening;
      if (group && !group.closed) return group.add(request);
    }
  }

  private async open(args: ExecutionArgs, request: ShareRequest): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const group = new Group(request.kind, this.options, () => {
      if (this.groups.get(request.key) === opening) this.groups.delete(request.key);
    });
    const result = Promise.resolve(subscribe({ ...args, contextValue: request.context(group.abort.signal, () => group.cutAll()) })).then(
      (r) => {
        if (!isAsyncIterable<ExecutionResult>(r)) {
          group.close();
          return r;
        }
        group.start(r);
        return group;
      },
      (err: unknown) => {
        group.close();
        throw err;
      },
    );
    const opening = result.then(
      (r) => (r instanceof Group ? r : null),
      () => null,
    );
    this.groups.set(request.key, opening);
    const opened = await result;
    return opened instanceof Group ? opened.add(request) : opened;
  }
}

/** One shared subscription: its source stream (the executed results) and its subscribers. */
class Group {
  readonly abort = new AbortController();
  closed = false;
  private readonly subscribers = new Set<SharedSubscriber>();
  private readonly onErrors = new Map<SharedSubscriber, ShareRequest['onErrors']>();
  private source: AsyncIterator<ExecutionResult> | null = null;

  constructor(
    private readonly kind: SubscriptionKind,
    private readonly options: SharedSubscriptionsOptions,
    private readonly forget: () => void,
  ) {}

  start(source: AsyncIterator<ExecutionResult>): void {
    this.source = source;
    void this.pump(source);
  }

  /** A new subscriber; every one after the first counts as one more open subscription of `kind`. */
  add(request: ShareRequest): SharedSubscriber {
    const subscriber = new SharedSubscriber(request.subscriber, (s) => this.remove(s));
    if (this.subscribers.size > 0) this.options.observer.opened(this.kind);
    this.subscribers.add(subscriber);
    this.onErrors.set(subscriber, request.onErrors);
    return subscriber;
  }

  /** The source stream was cut (it fell behind the reader): every subscriber is cut, to resume with `after:`. */
  cutAll(): void {
    for (const s of [...this.subscribers]) this.cut(s);
  }

  private remove(subscriber: SharedSubscriber): void {
    if (!this.subscribers.delete(subscriber)) return;
    this.onErrors.delete(subscriber);
    if (this.subscribers.size > 0) {
      this.options.observer.ended(this.kind);
      return;
    }
    // The last sharer left: the source stream is returned (the log reader reports it ended).
    this.close();
    void this.source?.return?.();
  }

  /** Ends the group: forgotten by the registry, its context aborted. Also when opening gave an error result (nobody joined yet). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.forget();
    this.abort.abort();
  }

  private cut(subscriber: SharedSubscriber): void {
    if (!this.subscribers.has(subscriber)) return;
    this.options.observer.cut?.(this.kind);
    subscriber.cut();
  }

  private async pump(source: AsyncIterator<ExecutionResult>): Promise<void> {
    let error: unknown;
    try {
      for (;;) {
        const next = await source.next();
        if (next.done || this.closed) break;
        await this.deliver(next.value);
      }
    } catch (err) {
      error = err;
    }
    if (this.closed) return;
    this.close();
    if (error instanceof SlowConsumerError) return this.cutAll();
    // The source ended (the reader stopped) or failed: every subscriber ends the same way; all but one
    // were counted here, the log reader counted the source.
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (let i = 1; i < subscribers.length; i++) this.options.observer.ended(this.kind);
    for (const s of subscribers) s.end(error);
  }

  /** One result: serialized once, one frame per distinct operation id, then stalled subscribers are cut. */
  private async deliver(result: ExecutionResult): Promise<void> {
    const formatted = result.errors ? this.options.formatErrors(result.errors, !('data' in result)) : undefined;
    const payload = JSON.stringify(formatted ? { ...result, errors: formatted } : result);
    const frames = new Map<string, Buffer>();
    const limit = this.options.bufferEntries;
    let behind: { subscriber: SharedSubscriber; flushed: number }[] | null = null;
    let deliveries = 0;
    for (const s of this.subscribers) {
      let frame = frames.get(s.id);
      if (!frame) {
        frame = Buffer.from(`{"id":${JSON.stringify(s.id)},"type":"next","payload":${payload}}`);
        frames.set(s.id, frame);
      }
      if (s.send(frame)) deliveries++;
      if (formatted && result.errors) this.onErrors.get(s)?.(formatted, result.errors);
      if (s.pending > limit) (behind ??= []).push({ subscriber: s, flushed: s.flushed });
    }
    this.options.executed(this.kind, deliveries);
    if (!behind) return;
    // Writes that completed at once report so only after this turn: a client behind by more than the limit
    // is stalled when none of its frames was written during one turn of the event loop, or when it is
    // HARD_LIMIT_FACTOR times the limit behind.
    await nextTurn();
    for (const { subscriber, flushed } of behind) {
      if (subscriber.pending > limit && (subscriber.flushed === flushed || subscriber.pending > HARD_LIMIT_FACTOR * limit)) this.cut(subscriber);
    }
  }
}
