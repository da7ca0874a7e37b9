import { maskPhones } from '../shared/phone';

const MAX_TEXT = 48;

/**
 * A short, loggable description of a value found in a push, for `PushParseError.got`: strings quoted and
 * cut to 48 characters, phone-like digit runs masked (numbers are personal data), containers summarised.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return describeText(value);
  if (typeof value === 'number') return maskPhones(String(value));
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function describeText(value: string): string {
  if (value === '') return 'empty string';
  const cut = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  return JSON.stringify(maskPhones(cut));
}
