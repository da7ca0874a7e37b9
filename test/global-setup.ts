import { randomBytes } from 'node:crypto';

/**
 * Names the jest run before any worker starts (workers inherit the environment): schemas and Redis prefixes
 * of this run carry the id, so two runs on one machine (or the two modes of `.ci/run`) never share data.
 */
export default function globalSetup(): void {
  process.env.PN_TEST_RUN_ID ??= randomBytes(4).toString('hex');
}
