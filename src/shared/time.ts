/**
 * Time formats used by the platform.
 * - `Created` in auth headers: `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds).
 * - times in call events, CDRs, query responses: `yyyy-MM-dd HH:mm:ss` (UTC).
 */

export function toCreated(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export function toPlatformTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Parses `yyyy-MM-dd HH:mm:ss` as UTC; returns null for an empty or malformed value. */
export function fromPlatformTime(value: string | undefined | null): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? null : date;
}
