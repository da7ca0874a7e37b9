/**
 * One schema change. `id` orders migrations and is recorded in `schema_migrations`; once released, a
 * migration's SQL never changes (add a new one instead). `sql` may hold several statements.
 */
export interface Migration {
  id: number;
  /** Short kebab-case name, the file name without its number: `migrations/001-gateway-meta.ts` → `gateway-meta`. */
  name: string;
  sql: string;
}
