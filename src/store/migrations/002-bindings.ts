import type { Migration } from '../migration';

/**
 * The binding mirror (the platform cannot list bindings), idempotency keys of creates, and the inventory
 * of privacy numbers (the platform has no number listing API).
 */
export const bindings: Migration = {
  id: 2,
  name: 'bindings',
  sql: `
    CREATE TABLE bindings (
      id text PRIMARY KEY,
      app text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('AX', 'AXB', 'AXE', 'AXYB')),
      privacy_number text NOT NULL,
      party_a text NOT NULL,
      party_b text,
      number_y text,
      extension text,
      callback_number text,
      call_direction smallint NOT NULL DEFAULT 0,
      record_calls boolean NOT NULL DEFAULT false,
      max_call_minutes integer,
      sms_enabled boolean NOT NULL DEFAULT true,
      user_data text,
      temporary_callee text,
      temporary_callee_expires_at timestamptz,
      status text NOT NULL CHECK (status IN ('ACTIVE', 'EXPIRED', 'DELETED')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      expires_at timestamptz,
      seq bigserial NOT NULL UNIQUE
    );
    CREATE INDEX bindings_privacy_number ON bindings (privacy_number);
    CREATE INDEX bindings_number_y ON bindings (number_y);
    CREATE INDEX bindings_party_a ON bindings (party_a);
    CREATE INDEX bindings_party_b ON bindings (party_b);
    CREATE INDEX bindings_app_mode ON bindings (app, mode);

    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'done')),
      result_id text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    );

    CREATE TABLE privacy_numbers (
      number text PRIMARY KEY,
      app text NOT NULL,
      city_code text,
      status text NOT NULL DEFAULT 'NORMAL' CHECK (status IN ('NORMAL', 'SUSPENDED', 'UNAVAILABLE', 'BINDING_FROZEN')),
      status_cause text,
      status_changed_at timestamptz,
      seq bigserial NOT NULL UNIQUE
    );
    CREATE INDEX privacy_numbers_app ON privacy_numbers (app);
  `,
};
