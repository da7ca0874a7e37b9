import type { RetentionConfig } from '../config';

/** The gateway_meta key holding the newest event-log cursor the purge removed. */
export const EVENT_LOG_PURGED_THROUGH = 'event_log_purged_through';

export type PurgeKind =
  | 'callEvents'
  | 'callRecords'
  | 'calls'
  | 'smsMessages'
  | 'smsContent'
  | 'callEventBodies'
  | 'callRecordBodies'
  | 'smsBodies'
  | 'eventLog'
  | 'idempotencyKeys'
  | 'deadLetters';

export interface PurgeStep {
  kind: PurgeKind;
  /** The retention setting that says how many days this data is kept. */
  keptFor: keyof RetentionConfig;
  /** One batch: `$1` the cutoff instant, `$2` the batch size; answers one row `{ n }`, the rows it changed. */
  sql: string;
}

/**
 * Lock contract of every batch: the rows are chosen `FOR UPDATE SKIP LOCKED`, so a purge never waits for a
 * row a push holds (a late CDR or event of an old call locks the call, its events and its log entries; see
 * events/event-log.ts). A purge that waited while holding the rows it already deleted could close a wait
 * cycle with such a push, and PostgreSQL would end one of them as a deadlock (a push answered 503). A
 * skipped row is purged by the next run.
 */
const PICK = 'FOR UPDATE SKIP LOCKED';

/** A batch that deletes the rows of `table` whose `column` is older than the cutoff, by its key columns. */
function deleteOlder(table: string, keyColumns: string, column: string, extra = ''): string {
  const key = keyColumns.includes(',') ? `(${keyColumns})` : keyColumns;
  return `WITH gone AS (
    DELETE FROM ${table} WHERE ${key} IN (SELECT ${keyColumns} FROM ${table} WHERE ${column} < $1${extra} LIMIT $2 ${PICK}) RETURNING 1
  ) SELECT count(*)::int AS n FROM gone`;
}

/** A batch that sets `set` on the rows of `table` older than the cutoff that `still` says are not done yet. */
function emptyOlder(table: string, key: string, column: string, set: string, still: string): string {
  return `WITH done AS (
    UPDATE ${table} SET ${set} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${column} < $1 AND ${still} LIMIT $2 ${PICK}) RETURNING 1
  ) SELECT count(*)::int AS n FROM done`;
}

/**
 * Every purge, in order: first what is emptied (content, bodies), then what is deleted. The event log batch
 * also raises the purged-through mark in the same statement, so a reader never sees entries gone without
 * the mark that makes an older `after:` answer CURSOR_EXPIRED.
 */
export const PURGE_STEPS: readonly PurgeStep[] = [
  { kind: 'smsContent', keptFor: 'smsContentDays', sql: emptyOlder('sms_messages', 'id', 'received_at', 'content = NULL', 'content IS NOT NULL') },
  { kind: 'callEventBodies', keptFor: 'rawBodiesDays', sql: emptyOlder('call_events', 'id', 'received_at', `raw = '{}'::jsonb`, `raw <> '{}'::jsonb`) },
  { kind: 'callRecordBodies', keptFor: 'rawBodiesDays', sql: emptyOlder('call_records', 'record_key', 'received_at', `raw = '{}'::jsonb`, `raw <> '{}'::jsonb`) },
  { kind: 'smsBodies', keptFor: 'rawBodiesDays', sql: emptyOlder('sms_messages', 'id', 'received_at', `raw = '{}'::jsonb`, `raw <> '{}'::jsonb`) },
  { kind: 'callEvents', keptFor: 'callEventsDays', sql: deleteOlder('call_events', 'id', 'received_at') },
  { kind: 'callRecords', keptFor: 'callRecordsDays', sql: deleteOlder('call_records', 'record_key', 'received_at') },
  { kind: 'calls', keptFor: 'callRecordsDays', sql: deleteOlder('calls', 'session_id', 'updated_at') },
  { kind: 'smsMessages', keptFor: 'smsMessagesDays', sql: deleteOlder('sms_messages', 'id', 'received_at') },
  { kind: 'deadLetters', keptFor: 'deadLettersDays', sql: deleteOlder('dead_letters', 'id', 'received_at') },
  { kind: 'idempotencyKeys', keptFor: 'idempotencyKeysDays', sql: deleteOlder('idempotency_keys', 'scope, key', 'updated_at', ` AND state = 'done'`) },
  {
    kind: 'eventLog',
    keptFor: 'eventLogDays',
    sql: `WITH gone AS (
      DELETE FROM event_log WHERE cursor IN (SELECT cursor FROM event_log WHERE created_at < $1 ORDER BY cursor LIMIT $2 ${PICK}) RETURNING cursor
    ), mark AS (
      INSERT INTO gateway_meta (key, value, updated_at)
      SELECT '${EVENT_LOG_PURGED_THROUGH}', max(cursor)::text, now() FROM gone HAVING count(*) > 0
      ON CONFLICT (key) DO UPDATE SET value = GREATEST(gateway_meta.value::bigint, EXCLUDED.value::bigint)::text, updated_at = now()
    ) SELECT count(*)::int AS n FROM gone`,
  },
];
