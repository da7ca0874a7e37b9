import { z } from 'zod';
import { ROLES } from './config-types';
import { bool, EVEN_IF_INVALID, IF_VALID, int, oneOf, repeats, section, text } from './config-fields';

/**
 * The `auth` section of GATEWAY_CONFIG. Production refuses to start without one: an open gateway must be
 * asked for (`allowAnonymous: true`), never be the default. API keys are configured by their sha256 only,
 * and problems never repeat a key or a hash.
 */

const SHA256 = "must be the 64 hex digits of the key's sha256 (npm run apikey prints one)";
const APP_NAMES = 'must be a non-empty array of app names (leave it out for every app)';
const PEM_KEYS = 'must be a non-empty array of PEM public keys ("-----BEGIN PUBLIC KEY-----...")';
const HTTP_URL = 'must be an http(s) URL';

/** JWTs from the team's identity provider, verified with jose (RS256, ES256, EdDSA). */
const jwtSchema = section({
  /** Required `iss`. */
  issuer: text(),
  /** Required `aud` (one of the token's audiences). */
  audience: text(),
  /** A JWKS endpoint (keys fetched and cached by jose), or null when `publicKeys` are given. */
  jwksUrl: z.string({ error: HTTP_URL }).trim().regex(/^https?:\/\/\S+$/, { error: HTTP_URL }).nullable().default(null),
  /** SPKI PEM public keys; a token verifies if one of them verifies it. */
  publicKeys: z
    .custom<string[]>((keys) => Array.isArray(keys) && keys.length > 0 && keys.every((k) => typeof k === 'string' && k.includes('-----BEGIN PUBLIC KEY-----')), { error: PEM_KEYS })
    .default([]),
  /** Claim holding the role (default `pn_role`). */
  roleClaim: text().default('pn_role'),
  /** Claim holding the app names (an array of strings; absent = every app). Default `pn_apps`. */
  appsClaim: text().default('pn_apps'),
  /** Allowed clock difference for `exp` and `nbf`, seconds (default 30). */
  clockToleranceSeconds: int(30, 0, 600),
}).refine((jwt) => (jwt.jwksUrl === null) !== (jwt.publicKeys.length === 0), { error: 'needs exactly one of jwksUrl or publicKeys', ...IF_VALID });

/** The section, given the names of the configured apps (an API key's `apps` must name them). */
export function authSchema(appNames: ReadonlySet<string>) {
  /** One API key, configured by the sha256 of the key so the key itself is never stored. */
  const apiKey = section({
    /** Names the principal in logs and errors, e.g. `support-console`. */
    name: text(),
    /** Lower-case hex sha256 of the key (64 characters); `npm run apikey` prints a key and its hash. */
    sha256: z.string({ error: SHA256 }).trim().toLowerCase().regex(/^[0-9a-f]{64}$/, { error: SHA256 }),
    /** Required: a key without a role is a mistake, not a viewer. */
    role: oneOf(ROLES),
    /** The apps this key may see and change; null (left out) = every app. */
    apps: z
      .array(z.string({ error: APP_NAMES }), { error: APP_NAMES })
      .min(1, { error: APP_NAMES })
      .superRefine((names, ctx) => {
        for (const name of names) if (!appNames.has(name)) ctx.addIssue({ code: 'custom', message: `: no app named "${name}" is configured` });
      })
      .nullable()
      .default(null),
  });
  const apiKeys = z
    .array(apiKey, { error: 'must be an array' })
    .superRefine((keys: unknown, ctx) => {
      for (const [i, name] of repeats(keys, 'name')) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${name}" is used twice` });
      for (const [i] of repeats(keys, 'sha256')) ctx.addIssue({ code: 'custom', path: [i, 'sha256'], message: "is the same as another key's" });
    }, EVEN_IF_INVALID)
    .default([]);
  const missing = 'is required in production: configure auth.apiKeys and/or auth.jwt, or set "auth": { "allowAnonymous": true } to run without authentication';
  return section(
    {
      /** Requests without a token act as `anonymousRole` on every app (only when configured; the banner warns). */
      allowAnonymous: bool(false),
      /** The role of a request without a token when `allowAnonymous` (default admin). */
      anonymousRole: oneOf(ROLES).default('admin'),
      apiKeys,
      jwt: jwtSchema.nullable().default(null),
    },
    missing,
  )
    .refine((auth) => auth.allowAnonymous || auth.apiKeys.length > 0 || auth.jwt !== null, { error: 'must configure apiKeys or jwt, or set allowAnonymous: true', ...IF_VALID })
    .transform((auth) => ({
      /** False only in sandbox mode, where every request acts as an anonymous admin. */
      enabled: true,
      ...auth,
    }));
}

export type AuthConfig = z.output<ReturnType<typeof authSchema>>;
export type JwtConfig = z.output<typeof jwtSchema>;

/** Sandbox: no authentication, every request is an admin (convenient by default; the banner says so). */
export const SANDBOX_AUTH: AuthConfig = { enabled: false, allowAnonymous: true, anonymousRole: 'admin', apiKeys: [], jwt: null };
