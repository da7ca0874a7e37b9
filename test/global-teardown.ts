import { dropRunSchemas } from './helpers/pg-schema';
import { TEST_SERVICES } from './helpers/services';

/** In services mode, drops the PostgreSQL schemas of this run that tests kept for a restart. */
export default async function globalTeardown(): Promise<void> {
  if (TEST_SERVICES) await dropRunSchemas();
}
