import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_AUDIT_ENV } from '../src/shared/logger';

/**
 * Names the jest run before any worker starts (workers inherit the environment): schemas and Redis prefixes
 * of this run carry the id, so two runs on one machine (or the two modes of `.ci/run`) never share data.
 * Also names the run's log audit file: every logger of the run appends to it, and the global teardown
 * fails the run on any unmasked party number or app secret in it (test/log-audit.ts).
 */
export default function globalSetup(): void {
  process.env.PN_TEST_RUN_ID ??= randomBytes(4).toString('hex');
  if (!process.env[LOG_AUDIT_ENV]) {
    const file = join(tmpdir(), `pn-log-audit-${process.env.PN_TEST_RUN_ID}-${process.pid}.ndjson`);
    rmSync(file, { force: true });
    process.env[LOG_AUDIT_ENV] = file;
  }
}
