import type { PlatformReachability } from './platform-probe';

/**
 * A named dependency this instance needs to accept work (the store; with REDIS_URL, fan-out). The platform
 * is not one: its reachability is reported beside the checks (`PlatformProbe`), never a failure.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Per check: "ok" or the reason it failed. */
  checks: Record<string, string>;
  /** Whether the platform's REST API answered; information only, `ready` does not depend on it. */
  platform: PlatformReachability;
}

/**
 * Runs all checks in parallel, each bounded by `timeoutMs`, and the platform probe beside them; ready only
 * when every check passes, whatever the platform answered.
 */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs: number, platform: () => Promise<PlatformReachability>): Promise<ReadinessReport> {
  const [results, reachability] = await Promise.all([Promise.all(checks.map(async (c) => [c.name, await runCheck(c, timeoutMs)] as const)), platform()]);
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results), platform: reachability };
}

async function runCheck(c: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([c.check().then(() => 'ok'), timeout]);
  } catch (err) {
    return `failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    clearTimeout(timer);
  }
}
