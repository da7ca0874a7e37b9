import type { Env } from './config';

/**
 * What every part of `loadConfig` (config.ts, config-auth.ts, config-edge.ts, config-limits.ts) reads and
 * reports through: one list of problems, so start-up names them all at once.
 */

/** Collects every configuration problem, so start-up reports them all at once. */
export class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    this.list.push(problem);
  }
  int(env: Env, name: string, fallback: number, min: number, max: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.add(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  }
  num(value: unknown, where: string, fallback: number, min: number, max: number, integer = true): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      this.add(`${where} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}`);
      return fallback;
    }
    return value;
  }
  /** One of `allowed`; the first is the default when the value is absent. */
  oneOf<T extends string>(value: unknown, where: string, allowed: readonly [T, ...T[]]): T {
    if (value === undefined) return allowed[0];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.add(`${where} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      return allowed[0];
    }
    return value as T;
  }
  bool(value: unknown, where: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.add(`${where} must be true or false, got ${JSON.stringify(value)}`);
      return fallback;
    }
    return value;
  }
  /** Reports keys `known` does not list: a misspelt setting must not be silently ignored. */
  keys(value: unknown, where: string, known: readonly string[]): void {
    if (value === undefined) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.add(`${where} must be a JSON object`);
      return;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.add(`${where}: unknown key "${key}" (known: ${known.join(', ')})`);
    }
  }
}

/** A file section as an object; anything else (already reported by `keys`) reads as empty. */
export function sectionOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
