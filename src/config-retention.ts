import type { RetentionConfig } from './config';
import type { Problems } from './config-problems';

/**
 * The `retention` section of GATEWAY_CONFIG (PIPL asks for the shortest retention a purpose needs): how many
 * days each kind of stored personal data is kept, 0 = kept until deleted by hand. Part of `loadConfig`.
 */

/** Each setting: default, min, max. Days may be fractional (0.5 = twelve hours). */
const RETENTION: { readonly [K in keyof RetentionConfig]: readonly [number, number, number] } = {
  callEventsDays: [90, 0, 3650],
  callRecordsDays: [180, 0, 3650],
  smsMessagesDays: [90, 0, 3650],
  smsContentDays: [7, 0, 3650],
  rawBodiesDays: [7, 0, 3650],
  eventLogDays: [7, 0, 3650],
  deadLettersDays: [30, 0, 3650],
  idempotencyKeysDays: [1, 0, 3650],
  purgeIntervalMinutes: [60, 1, 1440],
  batchSize: [500, 10, 10_000],
};

export const RETENTION_KEYS = Object.keys(RETENTION) as (keyof RetentionConfig)[];

export function parseRetention(raw: Record<string, unknown>, p: Problems): RetentionConfig {
  const retention = {} as RetentionConfig;
  for (const key of RETENTION_KEYS) {
    const [fallback, min, max] = RETENTION[key];
    const integer = key === 'purgeIntervalMinutes' || key === 'batchSize';
    retention[key] = p.num(raw[key], `GATEWAY_CONFIG: retention.${key}`, fallback, min, max, integer);
  }
  return retention;
}
