import { z } from 'zod';

/**
 * The building blocks of every config schema (config.ts and its sections), and how a zod issue becomes one
 * problem line: the variable (`PORT`) or file field (`GATEWAY_CONFIG: apps[0].mode`), then the message.
 * Each field has one message of its own, so a bad value is one problem and no zod default text shows.
 */

/** A message that quotes the value it got; only for values that are never secrets. */
export const got = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? message : `${message}, got ${JSON.stringify(issue.input)}`;

/** A number from min to max, an integer unless `integer` is false. */
export function range(min: number, max: number, integer = true) {
  const error = got(`must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  return z.number({ error }).refine((n) => n >= min && n <= max && (!integer || Number.isInteger(n)), { error });
}

/** An integer from min to max, `fallback` when absent. */
export const int = (fallback: number, min: number, max: number) => range(min, max).default(fallback);

export const bool = (fallback: boolean) => z.boolean({ error: got('must be true or false') }).default(fallback);

/** One of `values`, listed in the message. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: got(`must be one of ${values.join(', ')}`) });

/** A trimmed string that is not empty; the message never repeats the value (it may be a secret). */
export const text = () => z.string({ error: 'must be a non-empty string' }).trim().min(1, { error: 'must be a non-empty string' });

/**
 * A string that `parse` turns into its canonical form, or null when it is not one: the problem is then
 * `message`, quoting the value.
 */
export function canonical(message: string, parse: (text: string) => string | null) {
  return z.string({ error: got(message) }).transform((text, ctx) => {
    const value = parse(text.trim());
    if (value === null) ctx.addIssue({ code: 'custom', message: got(message)({ input: text }) });
    return value ?? z.NEVER;
  });
}

/**
 * A JSON object with exactly these keys: a misspelt setting must not be silently ignored. `missing` is the
 * message when the object is required and absent.
 */
export function section<S extends z.ZodRawShape>(shape: S, missing = 'must be a JSON object') {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `: unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: ${known})`
        : issue.input === undefined ? missing : 'must be a JSON object',
  });
}

/** Where a problem is, e.g. `apps[0].numbers[1]`. */
export const pathOf = (path: readonly PropertyKey[]): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');

/** One problem line: a message starting with `:` follows its place directly (`GATEWAY_CONFIG: cors: unknown key ...`). */
export function describeIssue(issue: z.core.$ZodIssue, prefix: string): string {
  const path = pathOf(issue.path);
  const where = prefix && path ? `${prefix}: ${path}` : prefix || path;
  return `${where}${issue.message.startsWith(':') ? '' : ' '}${issue.message}`;
}

/**
 * When a refinement runs. By default zod skips it after a type error only, so a rule across fields would see
 * values that failed their own check: IF_VALID runs it only on a valid value. EVEN_IF_INVALID runs it always,
 * so one bad item hides no other problem (it must then read the value as unknown).
 */
export const IF_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };
export const EVEN_IF_INVALID = { when: () => true };

/** Items whose string `key` repeats an earlier item's, as [index, value]; items are read as unknown (see EVEN_IF_INVALID). */
export function repeats(items: unknown, key: string): [number, string][] {
  const seen = new Set<string>();
  const found: [number, string][] = [];
  for (const [i, item] of (Array.isArray(items) ? items : []).entries()) {
    const value = (item as Record<string, unknown> | null)?.[key];
    if (typeof value !== 'string' || value === '') continue;
    if (seen.has(value)) found.push([i, value]);
    seen.add(value);
  }
  return found;
}
