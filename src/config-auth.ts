import type { ApiKeyConfig, AuthConfig, JwtConfig } from './config';
import { type Problems, sectionOf } from './config-problems';

/**
 * The `auth` section of GATEWAY_CONFIG. Part of `loadConfig` (pure; problems name the field and never
 * repeat a key or a hash).
 */

const AUTH_KEYS = ['allowAnonymous', 'anonymousRole', 'apiKeys', 'jwt'] as const;
const API_KEY_KEYS = ['name', 'sha256', 'role', 'apps'] as const;
const JWT_KEYS = ['issuer', 'audience', 'jwksUrl', 'publicKeys', 'roleClaim', 'appsClaim', 'clockToleranceSeconds'] as const;

/** Sandbox: no authentication, every request is an admin (convenient by default; the banner says so). */
export const SANDBOX_AUTH: AuthConfig = { enabled: false, allowAnonymous: true, anonymousRole: 'admin', apiKeys: [], jwt: null };


/**
 * The `auth` section. Production refuses to start without one: an open gateway must be asked for
 * (`allowAnonymous: true`), never be the default. API keys are configured by their sha256 only.
 */
export function parseAuth(raw: unknown, p: Problems, appNames: ReadonlySet<string>): AuthConfig {
  const where = 'GATEWAY_CONFIG: auth';
  if (raw === undefined) {
    p.add(`${where} is required in production: configure auth.apiKeys and/or auth.jwt, or set "auth": { "allowAnonymous": true } to run without authentication`);
    return SANDBOX_AUTH;
  }
  p.keys(raw, where, AUTH_KEYS);
  const o = sectionOf(raw);
  const allowAnonymous = p.bool(o.allowAnonymous, `${where}.allowAnonymous`, false);
  const anonymousRole = p.oneOf(o.anonymousRole, `${where}.anonymousRole`, ['admin', 'operator', 'viewer'] as const);
  const appList = (value: unknown, at: string): string[] | null => {
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
      p.add(`${at} must be a non-empty array of app names (leave it out for every app)`);
      return null;
    }
    for (const name of value as string[]) if (!appNames.has(name)) p.add(`${at}: no app named "${name}" is configured`);
    return value as string[];
  };
  if (o.apiKeys !== undefined && !Array.isArray(o.apiKeys)) p.add(`${where}.apiKeys must be an array`);
  const keyNames = new Set<string>();
  const hashes = new Set<string>();
  const apiKeys = (Array.isArray(o.apiKeys) ? o.apiKeys : []).map((item, i): ApiKeyConfig => {
    const at = `${where}.apiKeys[${i}]`;
    p.keys(item ?? {}, at, API_KEY_KEYS);
    const k = sectionOf(item);
    const name = typeof k.name === 'string' ? k.name.trim() : '';
    if (!name) p.add(`${at}.name must be a non-empty string`);
    else if (keyNames.has(name)) p.add(`${at}.name "${name}" is used twice`);
    keyNames.add(name);
    // Never echo the value: a key pasted here by mistake must not reach a log.
    const sha256 = typeof k.sha256 === 'string' ? k.sha256.trim().toLowerCase() : '';
    if (!/^[0-9a-f]{64}$/.test(sha256)) p.add(`${at}.sha256 must be the 64 hex digits of the key's sha256 (npm run apikey prints one)`);
    else if (hashes.has(sha256)) p.add(`${at}.sha256 is the same as another key's`);
    hashes.add(sha256);
    // A key without a role is a mistake, not a viewer: null makes `oneOf` report it.
    const role = p.oneOf(k.role ?? null, `${at}.role`, ['viewer', 'operator', 'admin'] as const);
    return { name, sha256, role, apps: appList(k.apps, `${at}.apps`) };
  });
  const jwt = o.jwt === undefined ? null : parseJwt(o.jwt, p, `${where}.jwt`);
  if (!allowAnonymous && apiKeys.length === 0 && jwt === null) p.add(`${where} must configure apiKeys or jwt, or set allowAnonymous: true`);
  return { enabled: true, allowAnonymous, anonymousRole, apiKeys, jwt };
}

function parseJwt(raw: unknown, p: Problems, where: string): JwtConfig {
  p.keys(raw, where, JWT_KEYS);
  const o = sectionOf(raw);
  const str = (key: string, fallback?: string): string => {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v.trim() === '') {
      p.add(`${where}.${key} must be a non-empty string`);
      return fallback ?? '';
    }
    return v.trim();
  };
  const jwksUrl = o.jwksUrl === undefined ? null : str('jwksUrl');
  if (jwksUrl !== null && !/^https?:\/\/\S+$/.test(jwksUrl)) p.add(`${where}.jwksUrl must be an http(s) URL`);
  const rawKeys = o.publicKeys;
  let publicKeys: string[] = [];
  if (rawKeys !== undefined) {
    if (!Array.isArray(rawKeys) || rawKeys.length === 0 || !rawKeys.every((k) => typeof k === 'string' && /-----BEGIN PUBLIC KEY-----/.test(k))) {
      p.add(`${where}.publicKeys must be a non-empty array of PEM public keys ("-----BEGIN PUBLIC KEY-----...")`);
    } else publicKeys = rawKeys as string[];
  }
  if ((jwksUrl === null) === (publicKeys.length === 0) && (rawKeys === undefined || publicKeys.length > 0)) p.add(`${where} needs exactly one of jwksUrl or publicKeys`);
  return {
    issuer: str('issuer'),
    audience: str('audience'),
    jwksUrl,
    publicKeys,
    roleClaim: str('roleClaim', 'pn_role'),
    appsClaim: str('appsClaim', 'pn_apps'),
    clockToleranceSeconds: p.num(o.clockToleranceSeconds, `${where}.clockToleranceSeconds`, 30, 0, 600),
  };
}
