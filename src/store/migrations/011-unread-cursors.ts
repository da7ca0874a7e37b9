import type { Migration } from '../migration';

/**
 * A CDR and an SMS reach subscribers through their event-log entry, which names them in its payload; no
 * read ever used the copy of that entry's cursor kept on `call_records` and `sms_messages` (queries answer
 * `cursor: null` for them), and writing it back cost one more statement, after the event-log append, per
 * push. `call_events.log_cursor` stays: `CallEvent.cursor` of a query is read from it.
 *
 * The columns become nullable instead of being dropped: an instance of the previous release still writing
 * them (a rolling upgrade of instances sharing one PostgreSQL) keeps working; this release leaves them null.
 */
export const unreadCursors: Migration = {
  id: 11,
  name: 'unread-cursors',
  sql: `
    ALTER TABLE call_records ALTER COLUMN log_cursor DROP NOT NULL;
    ALTER TABLE sms_messages ALTER COLUMN log_cursor DROP NOT NULL;
  `,
};
