import type { AuthScheme } from '../../platform/signing';

/**
 * How long each step of a simulated call takes, in platform seconds (scaled by the seed's timeScale like
 * every platform duration). The platform publishes none of these; they only need to look like a call.
 */
export interface CallTimings {
  /** callin → collectInfo (AXE: the prompt plays and the caller keys the extension). Default 3. */
  collectSeconds: number;
  /** callin (or collectInfo) → callout, and callin → disconnect of a call refused by routing. Default 1. */
  calloutSeconds: number;
  /** callout → alerting. Default 2. */
  alertingSeconds: number;
  /** alerting → answer, or → disconnect when unanswered. Default 5. */
  ringSeconds: number;
}

/** The call and SMS simulator's settings; every field has a default (`resolveSimulatorOptions`). */
export interface SimulatorOptions {
  /** Response timeout of one push attempt, real ms (push-api.md §1.4 [U]). Default 10000. */
  pushTimeoutMs: number;
  /**
   * Retries after a failed push, platform seconds after the first failure, scaled (push-api.md §1.4:
   * 1, 4, 9, 106, 203, 300 minutes). One retry per entry, then the push is given up. Default those six.
   */
  retryScheduleSeconds: readonly number[];
  /**
   * Fault: a retry re-sends the first attempt's signed headers (same nonce and Created) instead of signing
   * afresh, as a platform that signs once per push would. Default false (a fresh signature per attempt).
   */
  retrySameSignature: boolean;
  /** CDRs of one app's calls ending within this window share one `fee` push, real ms. Default 100. */
  cdrBatchWindowMs: number;
  /** Most CDRs in one `fee` push (push-api.md §3.2). Default 50. */
  cdrBatchMax: number;
  /** How long the platform waits for the answer to an SMS Block push, real ms [U]. Default 5000. */
  smsBlockDeadlineMs: number;
  /** Push signing scheme of apps whose seed sets no `pushScheme`. Default `aksk`. */
  pushScheme: AuthScheme;
  /** SMS pushes carry `smsContent` (a feature customer service turns on, push-api.md §4.2). Default true. */
  smsContent: boolean;
  /** `hostName` of CDRs and the host part of sessionIds. Default `callenabler01.emulator.invalid`. */
  hostName: string;
  /** `recordDomain` of recordings made by simulated calls. Default `record.emulator.invalid`. */
  recordDomain: string;
  /** `recordBucketName` of recordings made by simulated calls. Default `emulator-recordings`. */
  recordBucketName: string;
  /** Pushes (and delivered SMS) kept for inspection; the oldest finished ones go first. Default 10000. */
  maxLogEntries: number;
  timings: CallTimings;
}

export const DEFAULT_RETRY_SCHEDULE_SECONDS: readonly number[] = [60, 240, 540, 6360, 12_180, 18_000];

export const DEFAULT_CALL_TIMINGS: CallTimings = { collectSeconds: 3, calloutSeconds: 1, alertingSeconds: 2, ringSeconds: 5 };

export type SimulatorOverrides = Partial<Omit<SimulatorOptions, 'timings'>> & { timings?: Partial<CallTimings> };

export function resolveSimulatorOptions(overrides: SimulatorOverrides = {}): SimulatorOptions {
  return {
    pushTimeoutMs: 10_000,
    retryScheduleSeconds: DEFAULT_RETRY_SCHEDULE_SECONDS,
    retrySameSignature: false,
    cdrBatchWindowMs: 100,
    cdrBatchMax: 50,
    smsBlockDeadlineMs: 5000,
    pushScheme: 'aksk',
    smsContent: true,
    hostName: 'callenabler01.emulator.invalid',
    recordDomain: 'record.emulator.invalid',
    recordBucketName: 'emulator-recordings',
    maxLogEntries: 10_000,
    ...overrides,
    timings: { ...DEFAULT_CALL_TIMINGS, ...overrides.timings },
  };
}
