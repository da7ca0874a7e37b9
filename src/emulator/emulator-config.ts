import type { EmulatorSeed } from './seed';

/**
 * Capacities of the platform (rest-api.md §10). Defaults are the platform's; tests shrink them so a limit
 * can be reached with a handful of requests.
 */
export interface EmulatorLimits {
  /** AXB: (A, B) pairs one X carries. Default 5000. Beyond: 1012008. */
  axbPairsPerNumber: number;
  /** AX and AXYB: X numbers one A may hold at once. Default 5. Beyond: 1012008. */
  numbersPerUser: number;
  /** AXYB: AX relations one Y carries. Default 1000. */
  axybRelationsPerY: number;
  /** AXYB: YB relations one AX subscription carries (the query lists 1–5 items). Default 5. */
  axybYbPerSubscription: number;
}

/** How the emulator authenticates (rest-api.md §2). */
export interface EmulatorAuthOptions {
  /** Accept the legacy `Authorization: WSSE …` + `X-WSSE` scheme too. Default true. */
  acceptWsse: boolean;
  /** Reject a nonce already used by the same app inside the auth window (401 1010010). Default false. */
  rejectNonceReplay: boolean;
  /** Failed authentications from one IP, inside `lockoutWindowSeconds`, that lock it out. 0 disables. Default 20. */
  lockoutThreshold: number;
  /** Window in which failures are counted, platform seconds (scaled). Default: the auth window. */
  lockoutWindowSeconds: number;
  /** How long a locked IP gets 1020176, platform seconds (scaled). Default 1800. */
  lockoutSeconds: number;
  /** Allowed |Created − now|, real seconds (not scaled). Default seed.authWindowSeconds or 300. */
  windowSeconds: number;
}

/** Everything the emulator reads at run time, resolved once from the options and the seed. */
export interface EmulatorConfig {
  limits: EmulatorLimits;
  auth: EmulatorAuthOptions;
  /** A/B/X number check (rest-api.md §12.3). Default `^\+86\d{7,12}$`. */
  numberPattern: RegExp;
  /** HTTP status of the flow-control refusal (1010010). Default 403. */
  flowControlHttpStatus: number;
  /** Multiplier of every platform duration (seed.timeScale, default 1). */
  timeScale: number;
  /** AX temporary callee lifetime when the request has no keepTime, platform seconds. Default 60. */
  temporaryCalleeSeconds: number;
  /** Recordings can be fetched this long after they were made, platform seconds. Default 7 days. */
  recordingRetentionSeconds: number;
  /** A download URL stays valid this long, platform seconds. Default 3 days. */
  downloadUrlSeconds: number;
  /** Largest accepted request body in bytes. Default 64 KiB. */
  maxBodyBytes: number;
}

export const DEFAULT_NUMBER_PATTERN = /^\+86\d{7,12}$/;

export const DEFAULT_LIMITS: EmulatorLimits = {
  axbPairsPerNumber: 5000,
  numbersPerUser: 5,
  axybRelationsPerY: 1000,
  axybYbPerSubscription: 5,
};

export interface ConfigOverrides {
  limits?: Partial<EmulatorLimits>;
  auth?: Partial<EmulatorAuthOptions>;
  numberPattern?: RegExp;
  flowControlHttpStatus?: number;
  temporaryCalleeSeconds?: number;
  recordingRetentionSeconds?: number;
  downloadUrlSeconds?: number;
  maxBodyBytes?: number;
}

export function resolveConfig(seed: EmulatorSeed, overrides: ConfigOverrides): EmulatorConfig {
  const windowSeconds = overrides.auth?.windowSeconds ?? seed.authWindowSeconds ?? 300;
  return {
    limits: { ...DEFAULT_LIMITS, ...overrides.limits },
    auth: {
      acceptWsse: true,
      rejectNonceReplay: false,
      lockoutThreshold: 20,
      lockoutWindowSeconds: windowSeconds,
      lockoutSeconds: 1800,
      ...overrides.auth,
      windowSeconds,
    },
    numberPattern: overrides.numberPattern ?? DEFAULT_NUMBER_PATTERN,
    flowControlHttpStatus: overrides.flowControlHttpStatus ?? 403,
    timeScale: seed.timeScale ?? 1,
    temporaryCalleeSeconds: overrides.temporaryCalleeSeconds ?? 60,
    recordingRetentionSeconds: overrides.recordingRetentionSeconds ?? 7 * 86_400,
    downloadUrlSeconds: overrides.downloadUrlSeconds ?? 3 * 86_400,
    maxBodyBytes: overrides.maxBodyBytes ?? 64 * 1024,
  };
}
