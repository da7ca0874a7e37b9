import { z } from 'zod';
import { BINDING_MODES, WEBHOOK_AUTH_MODES } from './config-types';
import { EVEN_IF_INVALID, got, oneOf, pathOf, repeats, section, text } from './config-fields';
import { isGlobalPhone } from './shared/phone';

/** The `apps` section of GATEWAY_CONFIG (problems name the field, never a secret). */

const PHONE = 'must be a phone number in global format (+86...)';
const CITY_CODE = 'must be a city code such as 0755';
const PATH_TOKEN = 'must be 16 to 128 characters of [A-Za-z0-9_-]';

/** One X number: `"+8617000000001"` or `{ "number": "+8617000000001", "cityCode": "0755" }`. */
const numberSchema = z.preprocess(
  (entry) => (typeof entry === 'object' && entry !== null ? entry : { number: entry }),
  section({
    /** Global format, e.g. `+8617000000001`. */
    number: z.string({ error: PHONE }).refine(isGlobalPhone, { error: PHONE }),
    /** City code with leading zero, e.g. `0755`. */
    cityCode: z.string({ error: CITY_CODE }).regex(/^0\d{2,3}$/, { error: CITY_CODE }).optional(),
  }),
);

const appSchema = section({
  /** Used in GraphQL (`app: "..."`) and in the webhook path `/webhooks/<name>`. */
  name: text().refine((name) => name === '' || /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name), { error: got('must match [A-Za-z0-9._-]') }),
  mode: oneOf(BINDING_MODES),
  appKey: text(),
  appSecret: text(),
  /** The inventory of X numbers: the platform has no listing API. */
  numbers: z.array(numberSchema, { error: 'must be an array' }).default([]),
  /** Default `enforce` in production; in sandbox `SANDBOX_WEBHOOK_AUTH` (default `log`). */
  webhookAuth: oneOf(WEBHOOK_AUTH_MODES).default('enforce'),
  /**
   * A secret path segment: pushes are then accepted only at `/webhooks/<name>/<token>` (the address given to
   * the platform console); `/webhooks/<name>` and any other token answer 404. 16–128 of `[A-Za-z0-9_-]`;
   * null = pushes go to `/webhooks/<name>`. The message never repeats it.
   */
  webhookPathToken: z.string({ error: PATH_TOKEN }).regex(/^[A-Za-z0-9_-]{16,128}$/, { error: PATH_TOKEN }).nullable().default(null),
});

/** The apps, each name once and each number in one app only (checked even when some app is invalid). */
export const appsSchema = z
  .array(appSchema, { error: 'must be a non-empty array' })
  .min(1, { error: 'must be a non-empty array' })
  .superRefine((apps: unknown, ctx) => {
    for (const [i, name] of repeats(apps, 'name')) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${name}" is used twice` });
    const owners = new Map<string, string>();
    for (const [i, app] of (Array.isArray(apps) ? (apps as { numbers?: unknown }[]) : []).entries()) {
      for (const [j, entry] of (Array.isArray(app?.numbers) ? (app.numbers as unknown[]) : []).entries()) {
        const number = typeof entry === 'string' ? entry : (entry as { number?: unknown } | null)?.number;
        if (typeof number !== 'string' || !isGlobalPhone(number)) continue;
        const owner = owners.get(number);
        if (owner !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'numbers', j], message: `is already listed at ${owner}` });
        else owners.set(number, pathOf(['apps', i, 'numbers', j]));
      }
    }
  }, EVEN_IF_INVALID);

export type AppConfig = z.output<typeof appSchema>;
