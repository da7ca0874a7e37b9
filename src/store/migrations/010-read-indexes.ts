import type { Migration } from '../migration';

/**
 * An index for every filter the GraphQL lists offer, each ending in the list's order column, so a page of
 * `first` rows under one filter is an index range scan read in order (no sort of every matching row), at
 * any table size (a filter on a common value may still read the order index: most rows match). Filters
 * that already had one: calls by binding, number and start time; bindings by X, Y, A and B.
 * The app columns serve an app-scoped principal (every list it reads is filtered by app).
 */
export const readIndexes: Migration = {
  id: 10,
  name: 'read-indexes',
  sql: `
    CREATE INDEX calls_app_seq ON calls (app, seq);
    CREATE INDEX calls_state_seq ON calls (state, seq);
    CREATE INDEX calls_caller_seq ON calls (caller, seq);
    CREATE INDEX calls_callee_seq ON calls (callee, seq);
    CREATE INDEX bindings_app_seq ON bindings (app, seq);
    CREATE INDEX bindings_mode_seq ON bindings (mode, seq);
    CREATE INDEX bindings_status_seq ON bindings (status, seq);
    CREATE INDEX privacy_numbers_app_seq ON privacy_numbers (app, seq);
    CREATE INDEX privacy_numbers_status_seq ON privacy_numbers (status, seq);
    CREATE INDEX privacy_numbers_city_seq ON privacy_numbers (city_code, seq);
    CREATE INDEX sms_messages_binding_id ON sms_messages (binding_id, id);
    CREATE INDEX sms_messages_number_id ON sms_messages (privacy_number, id);
    CREATE INDEX sms_messages_app_id ON sms_messages (app, id);
    CREATE INDEX dead_letters_app_id ON dead_letters (app, id);
  `,
};
