import type { Migration } from '../migration';

/**
 * An idempotency key whose create got no answer (timeout, connection reset after sending) is kept as
 * `unknown` instead of being freed: the platform may have bound. A retry with the same key first asks the
 * platform what it made (bindings/idempotency.ts) and binds only if it finds nothing.
 */
export const idempotencyUnknown: Migration = {
  id: 8,
  name: 'idempotency-unknown',
  sql: `
    ALTER TABLE idempotency_keys DROP CONSTRAINT IF EXISTS idempotency_keys_state_check;
    ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check CHECK (state IN ('pending', 'done', 'unknown'));
  `,
};
