import type { Migration } from '../migration';

/**
 * What the platform pushes: calls (state per session), their events and records (CDRs), SMS, the dedupe keys
 * of number-status pushes, and the per-app SMS policy. Unique keys are the dedupe decisions: a push retried
 * by the platform, or delivered to two instances at once, is stored once.
 */
export const callsSms: Migration = {
  id: 4,
  name: 'calls-sms',
  sql: `
    CREATE TABLE calls (
      session_id text PRIMARY KEY,
      app text NOT NULL,
      binding_id text,
      privacy_number text,
      caller text,
      callee text,
      state text NOT NULL CHECK (state IN ('INCOMING', 'RINGING', 'ANSWERED', 'ENDED', 'FAILED')),
      started_at timestamptz,
      ringing_at timestamptz,
      answered_at timestamptz,
      ended_at timestamptz,
      hangup_code integer,
      hangup_reason text,
      duration_seconds integer,
      has_record boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      seq bigserial NOT NULL UNIQUE
    );
    CREATE INDEX calls_binding ON calls (binding_id, seq);
    CREATE INDEX calls_number ON calls (privacy_number, seq);
    CREATE INDEX calls_started ON calls (started_at);

    CREATE TABLE call_events (
      id bigserial PRIMARY KEY,
      session_id text NOT NULL,
      app text NOT NULL,
      event_type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      caller text,
      called text,
      binding_id text,
      state_code integer,
      state_desc text,
      digits text,
      user_data text,
      log_cursor bigint NOT NULL,
      raw jsonb NOT NULL,
      UNIQUE (session_id, event_type, occurred_at)
    );

    CREATE TABLE call_records (
      record_key text PRIMARY KEY,
      session_id text NOT NULL,
      app text NOT NULL,
      icid text,
      binding_id text,
      direction integer NOT NULL,
      privacy_number text NOT NULL,
      caller text NOT NULL,
      callee text,
      forwarded_to text,
      call_started_at timestamptz,
      ringing_at timestamptz,
      answered_at timestamptz,
      ended_at timestamptz,
      duration_seconds integer NOT NULL,
      failure_cause integer,
      teardown_point integer,
      recorded boolean NOT NULL,
      record_object_name text,
      record_domain text,
      record_download_url text,
      user_data text,
      received_at timestamptz NOT NULL,
      log_cursor bigint NOT NULL,
      raw jsonb NOT NULL
    );
    CREATE INDEX call_records_session ON call_records (session_id);

    CREATE TABLE sms_messages (
      id bigserial PRIMARY KEY,
      sms_identifier text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('NOTIFY', 'BLOCK')),
      app text NOT NULL,
      binding_id text,
      privacy_number text NOT NULL,
      sender text NOT NULL,
      receiver text,
      decision text,
      send_result integer,
      content text,
      occurred_at timestamptz NOT NULL,
      log_cursor bigint NOT NULL,
      raw jsonb NOT NULL,
      UNIQUE (sms_identifier, mode)
    );

    CREATE TABLE number_status_pushes (
      dedupe_key text PRIMARY KEY,
      received_at timestamptz NOT NULL
    );

    CREATE TABLE sms_policies (
      app text PRIMARY KEY,
      default_decision text NOT NULL CHECK (default_decision IN ('FORWARD', 'DISCARD')),
      rules jsonb NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `,
};
