import type { Params } from '../http/params';
import { failInvalid } from '../result';

/** Limits and helpers the modes' fields share (rest-api.md §3, §5–§8). */

/** Binding lifetimes: at most 90 days, in seconds. */
export const MAX_LIFETIME_SECONDS = 7_776_000;
/** Per-call limit from answer, in minutes. */
export const MAX_DURATION_MINUTES = 1440;
/** Free customer data, echoed verbatim. */
export const USER_DATA_MAX = 256;
/** subscriptionId: String(1-64). */
export const SUBSCRIPTION_ID_MAX = 64;

/** The fields of `o` that are not undefined: how a modify applies only what it was sent. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A flag as the platform echoes String enums: "true" / "false". */
export function flagString(value: boolean | undefined): 'true' | 'false' | undefined {
  return value === undefined ? undefined : value ? 'true' : 'false';
}

/** An AXYB lifetime field (rest-api.md §8.1): 0, or 60–7776000 seconds. */
export function optLifetime(p: Params, name: string): number | undefined {
  const v = p.optInt(name, 0, MAX_LIFETIME_SECONDS);
  if (v !== undefined && v > 0 && v < 60) failInvalid(name, `${name} must be 0 or 60-${MAX_LIFETIME_SECONDS}.`);
  return v;
}
