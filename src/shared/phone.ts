/**
 * Phone numbers are personal data. Every log line goes through `maskPhone` / `maskPhones`:
 * `+8613800000021` → `+86138****0021` (country code and prefix, then the last four digits).
 */

/** Global format with country code: `+` then 8–15 digits, the first not 0 (E.164). */
export const GLOBAL_PHONE = /^\+[1-9]\d{7,14}$/;

export function isGlobalPhone(value: string): boolean {
  return GLOBAL_PHONE.test(value);
}

export function maskPhone(value: string): string {
  const m = /^(\+?)(\d+)$/.exec(value);
  if (!m) return value.length <= 4 ? '****' : `${value.slice(0, 2)}****`;
  const digits = m[2];
  if (digits.length <= 7) return `${m[1]}${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
  const head = digits.length >= 11 ? 5 : 3;
  return `${m[1]}${digits.slice(0, head)}****${digits.slice(-4)}`;
}

const PHONE_IN_TEXT = /\+?\d{8,15}/g;

/** Masks every phone-like run of digits inside free text (URLs, JSON bodies, error messages). */
export function maskPhones(text: string): string {
  return text.replace(PHONE_IN_TEXT, (match) => maskPhone(match));
}
