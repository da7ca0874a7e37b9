import type { Migration } from '../migration';

/**
 * A CDR and an SMS reach subscribers through their event-log entry, which names them in its payload; no
 * read ever used the copy of that entry's cursor kept on `call_records` and `sms_messages` (queries answer
 * `cursor: null` for them), and writing it back cost one more statement, after the event-log append, per
 * push. `call_events.log_cursor` stays: `CallEvent.cursor` of a query is read from it.
 */
export const unreadCursors: Migration = {
  id: 11,
  name: 'unread-cursors',
  sql: `
    ALTER TABLE call_records DROP COLUMN log_cursor;
    ALTER TABLE sms_messages DROP COLUMN log_cursor;
  `,
};
