import type { Migration } from '../migration';

/**
 * What the platform sent decides what a push is:
 * - `push_nonces` holds the hash of the body each nonce came with, and is written in the push's own store
 *   transaction on every driver (a failed store records no nonce, so the platform's retry is accepted);
 * - a call event is deduped on (session, type, hash of its canonical body) instead of its time, so a retry
 *   without `timestamp` is one event and two real events of one type in one second are two. Events stored
 *   before this migration keep a key made of their time;
 * - `dead_letters` keeps every signed push that could not be stored as one (unparsable, foreign, refused by
 *   the database), raw, until an admin replays or discards it.
 */
export const pushLedger: Migration = {
  id: 6,
  name: 'push-ledger',
  sql: `
    ALTER TABLE push_nonces ADD COLUMN body_hash text;

    ALTER TABLE call_events ADD COLUMN body_hash text;
    UPDATE call_events SET body_hash = 'at:' || extract(epoch FROM occurred_at)::text;
    ALTER TABLE call_events ALTER COLUMN body_hash SET NOT NULL;
    ALTER TABLE call_events DROP CONSTRAINT call_events_session_id_event_type_occurred_at_key;
    ALTER TABLE call_events ADD CONSTRAINT call_events_dedupe UNIQUE (session_id, event_type, body_hash);

    CREATE TABLE dead_letters (
      id bigserial PRIMARY KEY,
      app text NOT NULL,
      kind text NOT NULL,
      headers jsonb NOT NULL,
      raw_body bytea NOT NULL,
      body_hash text NOT NULL,
      error text NOT NULL,
      received_at timestamptz NOT NULL,
      UNIQUE (app, body_hash)
    );
  `,
};
