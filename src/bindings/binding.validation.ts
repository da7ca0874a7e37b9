import type { AppConfig, BindingModeName } from '../config';
import { UserInputError } from '../errors';

/**
 * Checks done before any platform call. Each throws a UserInputError naming the input field, so a bad
 * request never reaches the platform and never touches the mirror.
 */

export const MAX_EXPIRES_IN_SECONDS = 7_776_000;
export const MAX_CALL_MINUTES = 1440;

/** Page size of a connection: 1 to 100. */

export function checkInt(field: string, value: number | null | undefined, min: number, max: number): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < min || value > max) throw new UserInputError(field, `must be an integer from ${min} to ${max}, got ${value}`);
}

export function checkExpiresIn(field: string, value: number | null | undefined): void {
  checkInt(field, value, 0, MAX_EXPIRES_IN_SECONDS);
}

/** AXYB lifetimes are 0 (none) or 60–7776000 seconds. */
export function checkAxybDuration(field: string, value: number | null | undefined): void {
  checkExpiresIn(field, value);
  if (value != null && value > 0 && value < 60) throw new UserInputError(field, `must be 0 (no expiry) or from 60 to ${MAX_EXPIRES_IN_SECONDS}, got ${value}`);
}

export function checkMaxCallMinutes(field: string, value: number | null | undefined): void {
  checkInt(field, value, 0, MAX_CALL_MINUTES);
}

export function checkCityCode(field: string, value: string | null | undefined): void {
  if (value != null && !/^0\d{2,3}$/.test(value)) throw new UserInputError(field, `must be a city code with its leading zero such as 0755 or 010, got "${value}"`);
}

export function checkExtension(field: string, value: string | null | undefined): void {
  if (value != null && !/^\d{1,4}$/.test(value)) throw new UserInputError(field, `must be 1 to 4 digits, got "${value}"`);
}

export function checkUserData(field: string, value: string | null | undefined): void {
  if (value != null && (value.length < 1 || value.length > 256)) throw new UserInputError(field, `must be 1 to 256 characters, got ${value.length}`);
}

export function checkIdempotencyKey(field: string, value: string | null | undefined): void {
  if (value != null && (value.length < 1 || value.length > 128)) throw new UserInputError(field, `must be 1 to 128 characters, got ${value.length}`);
}

export function checkDistinct(field: string, a: string | null | undefined, otherField: string, b: string | null | undefined): void {
  if (a != null && b != null && a === b) throw new UserInputError(field, `must differ from ${otherField}`);
}

/** The platform picks X either from an explicit number or from a city code: exactly one of them. */
export function checkNumberChoice(prefix: string, privacyNumber: string | null | undefined, cityCode: string | null | undefined, required = true): void {
  if (privacyNumber != null && cityCode != null) throw new UserInputError(`${prefix}.cityCode`, 'give either privacyNumber or cityCode, not both');
  if (required && privacyNumber == null && cityCode == null) throw new UserInputError(`${prefix}.privacyNumber`, 'give either privacyNumber or cityCode');
  checkCityCode(`${prefix}.cityCode`, cityCode);
}

/**
 * Picks the app for a mutation: the named one (which must have this mode), else the only app of this mode.
 * Several candidates and no name is ambiguous and says which names exist.
 */
export function resolveApp(apps: readonly AppConfig[], mode: BindingModeName, name: string | null | undefined, field = 'input.app'): AppConfig {
  if (name != null) {
    const app = apps.find((a) => a.name === name);
    if (!app) throw new UserInputError(field, `no app named "${name}"; configured: ${apps.map((a) => a.name).join(', ') || 'none'}`);
    if (app.mode !== mode) throw new UserInputError(field, `app "${name}" is a ${app.mode} app, this needs ${mode}`);
    return app;
  }
  const candidates = apps.filter((a) => a.mode === mode);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) throw new UserInputError(field, `no ${mode} app is configured`);
  throw new UserInputError(field, `several ${mode} apps are configured, name one of: ${candidates.map((a) => a.name).join(', ')}`);
}
