import { rmSync } from 'node:fs';
import { LOG_AUDIT_ENV } from '../src/shared/logger';
import { assertLogsClean } from './log-audit';
import { dropRunSchemas } from './helpers/pg-schema';
import { TEST_SERVICES } from './helpers/services';

/**
 * In services mode, drops the PostgreSQL schemas of this run that tests kept for a restart. Then audits every
 * log line of the run (test/log-audit.ts): a leak fails the run and keeps the file; a clean file is removed.
 */
export default async function globalTeardown(): Promise<void> {
  if (TEST_SERVICES) await dropRunSchemas();
  const file = process.env[LOG_AUDIT_ENV];
  if (!file) return;
  assertLogsClean(file);
  rmSync(file, { force: true });
}
