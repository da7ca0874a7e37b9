import type { Migration } from '../migration';

/**
 * Indexes on the time columns the retention purge (retention/retention-purger.ts) selects by, so each small
 * purge batch is an index range scan instead of a table scan.
 */
export const retention: Migration = {
  id: 9,
  name: 'retention',
  sql: `
    CREATE INDEX event_log_created ON event_log (created_at);
    CREATE INDEX call_events_occurred ON call_events (occurred_at);
    CREATE INDEX call_records_received ON call_records (received_at);
    CREATE INDEX calls_updated ON calls (updated_at);
    CREATE INDEX sms_messages_occurred ON sms_messages (occurred_at);
    CREATE INDEX idempotency_keys_updated ON idempotency_keys (updated_at);
    CREATE INDEX dead_letters_received ON dead_letters (received_at);
  `,
};
