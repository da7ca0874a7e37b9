import type { z } from 'zod';
import { int, range, section } from './config-fields';

/**
 * The `retention` section of GATEWAY_CONFIG (PIPL asks for the shortest retention a purpose needs): how many
 * days each kind of stored personal data is kept, 0 = until deleted by hand; days may be fractional (0.5 =
 * twelve hours). The purge runs every `purgeIntervalMinutes` in batches of `batchSize` rows.
 */

const days = (fallback: number) => range(0, 3650, false).default(fallback);

export const retentionSchema = section({
  /** Call event rows (caller and callee numbers), counted from when they were stored (default 90). */
  callEventsDays: days(90),
  /** Call records (CDRs) and the calls built from them, by when they were stored (default 180). */
  callRecordsDays: days(180),
  /** SMS rows (sender, receiver), counted from when they were stored (default 90). */
  smsMessagesDays: days(90),
  /** SMS content, set to null after this (default 7); the row stays until `smsMessagesDays`. */
  smsContentDays: days(7),
  /** The push bodies kept beside call events, CDRs and SMS, emptied after this (default 7). */
  rawBodiesDays: days(7),
  /** Event log entries, the replay window of subscriptions; an older `after:` answers CURSOR_EXPIRED (default 7). */
  eventLogDays: days(7),
  /** Pushes kept as dead letters (default 30). */
  deadLettersDays: days(30),
  /** Settled idempotency keys (default 1): a retry with the same key after this binds anew. */
  idempotencyKeysDays: days(1),
  /** Time between purges, minutes (default 60, 1–1440). */
  purgeIntervalMinutes: int(60, 1, 1440),
  /** Rows per purge statement (default 500, 10–10000): each batch is short, so pushes never wait long behind it. */
  batchSize: int(500, 10, 10_000),
}).prefault({});

export type RetentionConfig = z.output<typeof retentionSchema>;
