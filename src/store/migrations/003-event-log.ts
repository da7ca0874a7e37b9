import type { Migration } from '../migration';

/**
 * The durable event log that subscriptions read (events/event-log.ts). `cursor` is the position clients
 * resume from; the indexes serve the per-session, per-binding, per-number and per-app reads.
 */
export const eventLog: Migration = {
  id: 3,
  name: 'event-log',
  sql: `
    CREATE TABLE event_log (
      cursor         bigserial PRIMARY KEY,
      kind           text NOT NULL,
      app            text NOT NULL,
      session_id     text,
      binding_id     text,
      privacy_number text,
      payload        jsonb NOT NULL,
      created_at     timestamptz NOT NULL
    );
    CREATE INDEX event_log_session ON event_log (session_id, cursor);
    CREATE INDEX event_log_binding ON event_log (binding_id, cursor);
    CREATE INDEX event_log_number ON event_log (privacy_number, cursor);
    CREATE INDEX event_log_app ON event_log (app, cursor);
  `,
};
