import { z } from 'zod';
import { int, oneOf, section } from './config-fields';
import { sourceCidrsSchema } from './config-edge';

/** The `platform` and `webhooks` sections of GATEWAY_CONFIG: how the gateway calls the platform and hears it. */

const BASE_URL = 'must be an http(s) URL with host and optional port, e.g. https://rtcpns.cn-north-1.myhuaweicloud.com';

export function platformSchema(sandbox: boolean) {
  return section({
    /** Access address, e.g. `https://rtcpns.cn-north-1.myhuaweicloud.com`; null in sandbox until the emulator listens. */
    baseUrl: sandbox
      ? z.null().default(null)
      : z.string({ error: BASE_URL }).regex(/^https?:\/\/[^/\s]+\/?$/, { error: BASE_URL }).transform((url) => url.replace(/\/$/, '')),
    /** `aksk` (X-AKSK, HMAC-SHA256; default) or the legacy `wsse`. */
    authScheme: oneOf(['aksk', 'wsse']).default('aksk'),
    /** Whole-request deadline per attempt, milliseconds (default 10000). */
    timeoutMs: int(10_000, 100, 120_000),
    /** Attempts after the first for safe retries (reads, failures before sending); default 2. */
    maxRetries: int(2, 0, 10),
    /**
     * After flow control (1010010 with the flow-control text), when to send again, milliseconds (default 60000):
     * the refusal is answered at once as RATE_LIMITED with `retryAfterSeconds`, never waited out in the request.
     */
    flowControlWaitMs: int(60_000, 0, 600_000),
    /** Upper bound of concurrent requests to the platform (default 16). */
    maxConcurrency: int(16, 1, 1024),
    /** Calls waiting for one of the `maxConcurrency` slots at most (default 64); beyond, PLATFORM_UNAVAILABLE (retryable) at once. */
    maxQueue: int(64, 0, 100_000),
    /** Deadline of one platform call, milliseconds (default 20000): the wait for a slot, every attempt and the backoff between. */
    callDeadlineMs: int(20_000, 100, 600_000),
    /** Consecutive platform faults (timeout, broken connection, 5xx, malformed answer) that open the circuit; 0 = never (default 5). */
    breakerFailures: int(5, 0, 1000),
    /** How long an open circuit answers PLATFORM_UNAVAILABLE without calling before one call may try, milliseconds (default 10000). */
    breakerHalfOpenMs: int(10_000, 10, 3_600_000),
  }).prefault({ baseUrl: undefined });
}

export const webhooksSchema = section({
  /** Max raw body, bytes (default 1 MiB); larger → 413. */
  bodyLimitBytes: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  /** Allowed |Created − now| for push signatures, seconds (default 300). */
  createdWindowSeconds: int(300, 1, 86_400),
  /** Deadline for answering an SMS Block push, milliseconds (default 2000). */
  smsBlockDeadlineMs: int(2000, 50, 30_000),
  /** Answered to an SMS Block push when the app's policy cannot be read in time (default DISCARD). */
  smsTimeoutDecision: oneOf(['DISCARD', 'FORWARD']).default('DISCARD'),
  allowedSourceCidrs: sourceCidrsSchema,
}).prefault({});

export type PlatformConfig = z.output<ReturnType<typeof platformSchema>>;
export type WebhookConfig = z.output<typeof webhooksSchema>;
