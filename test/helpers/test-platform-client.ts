import { silentLogger } from '../../src/shared/logger';
import { PlatformClient, type PlatformClientOptions } from '../../src/platform';

/** Fictional credentials for clients under test. */
export const TEST_APP = { appKey: 'fictionalAppKey0001', appSecret: 'FictionalSecret0001' };

export interface TestClient {
  client: PlatformClient;
  /** Every wait the client asked for, in order; waits resolve at once. */
  sleeps: number[];
  /** Every `now()` the client read. */
  clockReads: Date[];
}

/**
 * A PlatformClient with test defaults: short deadline, recorded instant sleeps, and a clock that starts at
 * 2024-01-01T10:00:00Z and moves one second per read (so each attempt's Created differs).
 */
export function createTestClient(baseUrl: string, overrides: Partial<PlatformClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const clockReads: Date[] = [];
  let t = Date.UTC(2024, 0, 1, 10, 0, 0);
  const client = new PlatformClient({
    baseUrl,
    authScheme: 'aksk',
    timeoutMs: 2000,
    maxRetries: 2,
    flowControlWaitMs: 60_000,
    maxConcurrency: 8,
    logger: silentLogger(),
    now: () => {
      const d = new Date(t);
      t += 1000;
      clockReads.push(d);
      return d;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, sleeps, clockReads };
}
