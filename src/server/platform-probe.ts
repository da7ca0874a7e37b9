/** What /readyz and `gateway_platform_reachable` say about the platform's REST API. */
export type PlatformReachability = { reachable: true } | { reachable: false; reason: string };

export interface PlatformProbeOptions {
  /** Any HTTP answer resolves; a network failure or timeout rejects (PlatformClient.ping). */
  ping(): Promise<void>;
  /** A probe without an answer within this long counts as unreachable, milliseconds. */
  timeoutMs: number;
  /** An answer is reused this long, so /readyz and metric scrapes do not each call the platform, milliseconds. */
  cacheMs: number;
  now?: () => number;
}

/**
 * Platform reachability as information, never as a readiness failure: an instance that cannot reach the
 * platform can still store pushes, so a load balancer must not drain it. Concurrent probes share one ping;
 * an answer is kept for `cacheMs`.
 */
export class PlatformProbe {
  private last: { atMs: number; result: PlatformReachability } | null = null;
  private inFlight: Promise<PlatformReachability> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: PlatformProbeOptions) {
    this.now = options.now ?? Date.now;
  }

  probe(): Promise<PlatformReachability> {
    if (this.last && this.now() - this.last.atMs < this.options.cacheMs) return Promise.resolve(this.last.result);
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<PlatformReachability> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<PlatformReachability>((resolve) => {
      timer = setTimeout(() => resolve({ reachable: false, reason: `no answer within ${this.options.timeoutMs} ms` }), this.options.timeoutMs);
    });
    const ping = this.options.ping().then(
      (): PlatformReachability => ({ reachable: true }),
      (err: unknown): PlatformReachability => ({ reachable: false, reason: err instanceof Error ? err.message : String(err) }),
    );
    try {
      const result = await Promise.race([ping, timeout]);
      this.last = { atMs: this.now(), result };
      return result;
    } finally {
      clearTimeout(timer);
    }
  }
}
