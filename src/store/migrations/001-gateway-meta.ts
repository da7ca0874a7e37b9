import type { Migration } from '../migration';

/** Facts about this database itself: when it was created, by which version. */
export const gatewayMeta: Migration = {
  id: 1,
  name: 'gateway-meta',
  sql: `
    CREATE TABLE gateway_meta (
      key        text PRIMARY KEY,
      value      text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO gateway_meta (key, value) VALUES ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  `,
};
