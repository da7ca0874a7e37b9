/**
 * Times in pushes (push-api.md §1.6). Documented: `yyyy-MM-dd HH:mm:ss` in UTC (call events, CDRs) and
 * ISO-8601 UTC with milliseconds (SMS `timeStamp`). Tolerated [U]: `T` or space as separator, fractions,
 * a `Z` or `±hh:mm` zone (none means UTC), and epoch seconds or milliseconds, since the call-event
 * `timestamp` is described as a "UNIX timestamp".
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;
const EPOCH = /^\d{9,13}$/;
/** Below this an epoch value is read as seconds, at or above as milliseconds (1e11 s is the year 5138). */
const EPOCH_MS_FROM = 1e11;

/** The instant a push time denotes; null when the value is not a valid time in a tolerated form. */
export function parsePushTime(value: string | number): Date | null {
  if (typeof value === 'number') return fromEpoch(value);
  const text = value.trim();
  if (EPOCH.test(text)) return fromEpoch(Number(text));
  const m = DATE_TIME.exec(text);
  return m ? fromParts(m) : null;
}

/** True for values the platform may use to mean "no time": empty, blank or an all-zero date. */
export function isAbsentTime(value: string): boolean {
  return /^[\s0:\-T.]*$/.test(value);
}

function fromEpoch(value: number): Date | null {
  if (!Number.isSafeInteger(value) || value <= 0) return null;
  const date = new Date(value < EPOCH_MS_FROM ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function fromParts(m: RegExpExecArray): Date | null {
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(utc);
  // Date.UTC rolls over (Feb 31 → Mar 2): reject values that do not name a real calendar time.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return new Date(utc - zoneOffsetMs(m[8]));
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
