import { BINDING_MODES, type AppConfig, type BindingModeName, type NumberConfig, type WebhookAuthMode } from './config-types';
import { type Problems, sectionOf } from './config-problems';
import { isGlobalPhone } from './shared/phone';

/** The `apps` section of GATEWAY_CONFIG. Part of `loadConfig` (pure; problems name the field, never a secret). */

const APP_KEYS = ['name', 'mode', 'appKey', 'appSecret', 'numbers', 'webhookAuth', 'webhookPathToken'] as const;
const WEBHOOK_AUTH: readonly WebhookAuthMode[] = ['off', 'log', 'enforce'];
const PATH_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

export function parseApps(raw: unknown, p: Problems, where: string): AppConfig[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    p.add(`${where}.apps must be a non-empty array`);
    return [];
  }
  const names = new Set<string>();
  const numberOwners = new Map<string, string>();
  return raw.map((item, i): AppConfig => {
    const at = `${where}.apps[${i}]`;
    p.keys(item ?? {}, at, APP_KEYS);
    const o = sectionOf(item);
    const str = (key: string): string => {
      const v = o[key];
      if (typeof v !== 'string' || v.trim() === '') {
        p.add(`${at}.${key} must be a non-empty string`);
        return '';
      }
      return v.trim();
    };
    const name = str('name');
    if (name && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) p.add(`${at}.name must match [A-Za-z0-9._-], got "${name}"`);
    if (names.has(name)) p.add(`${at}.name "${name}" is used twice`);
    names.add(name);
    const mode = o.mode as BindingModeName;
    if (!BINDING_MODES.includes(mode)) p.add(`${at}.mode must be one of ${BINDING_MODES.join(', ')}, got ${JSON.stringify(o.mode)}`);
    const webhookAuth = (o.webhookAuth ?? 'enforce') as WebhookAuthMode;
    if (!WEBHOOK_AUTH.includes(webhookAuth)) p.add(`${at}.webhookAuth must be one of off, log, enforce`);
    const pathToken = o.webhookPathToken;
    if (pathToken !== undefined && (typeof pathToken !== 'string' || !PATH_TOKEN.test(pathToken))) {
      // The value is a secret: the message never repeats it.
      p.add(`${at}.webhookPathToken must be 16 to 128 characters of [A-Za-z0-9_-]`);
    }
    const numbers: NumberConfig[] = [];
    if (o.numbers !== undefined && !Array.isArray(o.numbers)) p.add(`${at}.numbers must be an array`);
    for (const [j, n] of (Array.isArray(o.numbers) ? o.numbers : []).entries()) {
      const entry = typeof n === 'string' ? { number: n } : ((n ?? {}) as Record<string, unknown>);
      if (typeof entry.number !== 'string' || !isGlobalPhone(entry.number)) {
        p.add(`${at}.numbers[${j}].number must be a phone number in global format (+86...)`);
        continue;
      }
      if (entry.cityCode !== undefined && (typeof entry.cityCode !== 'string' || !/^0\d{2,3}$/.test(entry.cityCode))) {
        p.add(`${at}.numbers[${j}].cityCode must be a city code such as 0755`);
        continue;
      }
      const owner = numberOwners.get(entry.number);
      if (owner !== undefined) p.add(`${at}.numbers[${j}] is already listed at ${owner}`);
      numberOwners.set(entry.number, `${at}.numbers[${j}]`);
      numbers.push({ number: entry.number, cityCode: entry.cityCode as string | undefined });
    }
    const webhookPathToken = typeof pathToken === 'string' && PATH_TOKEN.test(pathToken) ? pathToken : null;
    return { name, mode, appKey: str('appKey'), appSecret: str('appSecret'), numbers, webhookAuth, webhookPathToken };
  });
}
