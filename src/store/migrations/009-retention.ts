import type { Migration } from '../migration';

/**
 * Retention counts from when the gateway stored a row, never from a time the platform sent (a push may carry
 * any timestamp): call events and SMS get the `received_at` the other tables already have (rows stored before
 * this migration count from now). Indexes on those columns make each small purge batch an index range scan.
 */
export const retention: Migration = {
  id: 9,
  name: 'retention',
  sql: `
    ALTER TABLE call_events ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE sms_messages ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX event_log_created ON event_log (created_at);
    CREATE INDEX call_events_received ON call_events (received_at);
    CREATE INDEX call_records_received ON call_records (received_at);
    CREATE INDEX calls_updated ON calls (updated_at);
    CREATE INDEX sms_messages_received ON sms_messages (received_at);
    CREATE INDEX idempotency_keys_updated ON idempotency_keys (updated_at);
    CREATE INDEX dead_letters_received ON dead_letters (received_at);
  `,
};
