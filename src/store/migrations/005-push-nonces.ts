import type { Migration } from '../migration';

/**
 * Nonces of accepted push signatures, shared by every instance on one PostgreSQL (webhooks/nonce-ledger.ts):
 * the primary key decides whether a nonce was seen, so a push replayed to another instance is caught too.
 * Rows are useless after `expires_at` and are deleted from time to time.
 */
export const pushNonces: Migration = {
  id: 5,
  name: 'push-nonces',
  sql: `
    CREATE TABLE push_nonces (
      app        text NOT NULL,
      nonce      text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (app, nonce)
    );
    CREATE INDEX push_nonces_expiry ON push_nonces (expires_at);
  `,
};
