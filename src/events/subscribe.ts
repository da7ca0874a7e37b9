import { appsInScope } from '../auth/app-scope';
import type { PrincipalContext } from '../auth/principal';
import { ErrorCode, GatewayError, UserInputError } from '../errors';
import type { Db } from '../store/db';
import type { EventLog, LogFilter } from './event-log';
import type { LogReader } from './log-reader';
import type { SubscriptionKind } from './stream-observer';
import type { EventKind, LogEntry } from './topics';

/** What every subscription needs from the GraphQL context: the store, the event log and the process's reader. */
export interface EventsContext extends PrincipalContext {
  /**
   * `reader` follows the log for every stream of the process (its observer hears of openings, ends, live
   * deliveries, failed reads and cuts). `onSlowConsumer` is set per operation by the transport: it runs when
   * the stream is cut for falling behind (graphql-ws closes the socket with SLOW_CONSUMER_CLOSE_CODE).
   */
  events: { db: Db; log: EventLog; reader: LogReader; onSlowConsumer?: () => void };
}

/** A subscription's filter: the log filter, with at most one app named by the client (`appField` names its argument). */
export type StreamFilter = Omit<LogFilter, 'kinds' | 'apps'> & { app?: string; appField?: string };

/** A log cursor as clients pass it back: the decimal digits of a `cursor` this API returned. */
export function checkLogCursor(after: string | null | undefined, field = 'after'): string | null {
  if (after == null) return null;
  if (!/^\d{1,19}$/.test(after)) throw new UserInputError(field, 'must be a cursor taken from an event of this API');
  return after;
}

/**
 * The description of a subscription's `after` argument: which cursor it takes and what it replays. The
 * subscription delivers everything after it, in log order: nothing stored after that cursor is skipped, and
 * the entry of the cursor itself is not delivered again.
 */
export function afterDescription(cursorField: string, what: string): string {
  return (
    `Resume after this cursor: a \`${cursorField}\` this subscription delivered. The ${what} stored after it are replayed ` +
    'first, then live ones follow, with no gap and no duplicate. "0" = from the beginning; absent = only what is stored from now on.'
  );
}

/**
 * Opens a replay-then-live stream over the event log for one subscription: the entries of `kinds` matching
 * the filter within the principal's apps, after the cursor if one is given, handed over by the process's
 * shared reader (events/log-reader.ts) once any replay has caught up. Streams show only the entries of the apps the principal may see: naming an app that
 * is not configured is BAD_USER_INPUT, one outside the principal's scope FORBIDDEN; an `after` older than
 * what the retention purge kept is CURSOR_EXPIRED (resuming from it would silently skip entries).
 */
export async function streamOf(
  ctx: EventsContext,
  /** The subscription field this stream serves (metrics label). */
  field: SubscriptionKind,
  kinds: EventKind[],
  filter: StreamFilter,
  after: string | null,
  accept?: (e: LogEntry) => boolean,
): Promise<AsyncIterableIterator<LogEntry>> {
  const { app, appField = 'filter.app', ...rest } = filter;
  const apps = appsInScope(ctx, app, appField);
  if (after !== null) await checkNotPurged(ctx, after);
  return ctx.events.reader.openStream({ filter: { ...rest, apps, kinds }, after, accept, kind: field, onSlowConsumer: ctx.events.onSlowConsumer });
}

async function checkNotPurged(ctx: EventsContext, after: string): Promise<void> {
  const purgedThrough = await ctx.events.log.purgedThrough(ctx.events.db);
  if (BigInt(after) >= BigInt(purgedThrough)) return;
  throw new GatewayError(
    ErrorCode.CursorExpired,
    `after: entries after cursor ${after} were removed by the retention purge (kept: after ${purgedThrough}); query the current state, then subscribe without after`,
    { field: 'after', purgedThrough },
  );
}
