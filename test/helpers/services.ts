import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Test mode switch: with TEST_SERVICES=1 every gateway the helpers start runs on PostgreSQL (a throwaway
 * schema) and Redis (a unique channel prefix) instead of PGlite and the in-process bus. `.ci/run` runs the
 * whole suite once in each mode.
 */
export const TEST_SERVICES = process.env.TEST_SERVICES === '1';

/** The shared Redis of the test machine (TEST_REDIS_URL, default redis://127.0.0.1:6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Names this jest run (set once by the global setup, inherited by every worker): schemas and Redis prefixes
 * of one run start with it, so runs never see each other's data and the global teardown finds what is left.
 */
export function testRunId(): string {
  return process.env.PN_TEST_RUN_ID ?? 'adhoc';
}

/** A Redis channel prefix no other test or run uses. */
export function uniqueRedisPrefix(): string {
  return `pn-test:${testRunId()}:${randomBytes(4).toString('hex')}:`;
}

/** A loopback TCP port that was free a moment ago (listen on 0, close): for servers that need a fixed port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
