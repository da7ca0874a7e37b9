import { UserInputError } from '../errors';
import type { Db } from '../store/db';
import type { EventLog, LogFilter } from './event-log';
import { openLiveStream } from './live-stream';
import type { PubSub } from './pubsub';
import { ALL_CHANNEL, channelForApp, type EventKind, type LogEntry } from './topics';

/** What every subscription needs from the GraphQL context: the store, the event log and the pub/sub. */
export interface EventsContext {
  events: { db: Db; log: EventLog; pubsub: PubSub };
}

/** A log cursor as clients pass it back: the decimal digits of a `cursor` this API returned. */
export function checkLogCursor(after: string | null | undefined, field = 'after'): string | null {
  if (after == null) return null;
  if (!/^\d{1,19}$/.test(after)) throw new UserInputError(field, 'must be a cursor taken from an event of this API');
  return after;
}

/**
 * Opens a replay-then-live stream over the event log for one subscription: the entries of `kinds` matching
 * the filter, after the cursor if one is given, woken by the app's channel (or every app's).
 */
export function streamOf(
  ctx: EventsContext,
  kinds: EventKind[],
  filter: Omit<LogFilter, 'kinds'>,
  after: string | null,
  accept?: (e: LogEntry) => boolean,
): Promise<AsyncIterableIterator<LogEntry>> {
  return openLiveStream({
    db: ctx.events.db,
    log: ctx.events.log,
    pubsub: ctx.events.pubsub,
    channels: [filter.app ? channelForApp(filter.app) : ALL_CHANNEL],
    filter: { ...filter, kinds },
    after,
    accept,
  });
}
