import { DEFAULT_NUMBER_PATTERN } from './emulator-config';
import type { EmulatorSeed, SeedNumber } from './seed';

const MODES = ['AX', 'AXB', 'AXE', 'AXYB'];
const CITY_CODE = /^0\d{2,3}$/;
const PUSH_KEYS = ['default', 'callStatus', 'fee', 'smsNotify', 'smsBlock', 'numStatus'];

/** A seed that cannot run; `problems` name each bad field by its path, e.g. `apps[1].numbers[0].cityCode`. */
export class SeedError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid emulator seed:\n  ${problems.join('\n  ')}`);
    this.name = 'SeedError';
  }
}

/** Throws SeedError listing every problem at once, or narrows `value` to EmulatorSeed. */
export function assertSeed(value: unknown, numberPattern: RegExp = DEFAULT_NUMBER_PATTERN): asserts value is EmulatorSeed {
  const problems: string[] = [];
  if (!isObject(value)) throw new SeedError(['seed: expected a JSON object']);
  checkPositive(value.timeScale, 'timeScale', problems);
  checkPositive(value.authWindowSeconds, 'authWindowSeconds', problems);
  if (!Array.isArray(value.apps) || value.apps.length === 0) {
    problems.push('apps: expected a non-empty array');
    throw new SeedError(problems);
  }
  const seen = { name: new Set<string>(), appKey: new Set<string>(), number: new Set<string>() };
  value.apps.forEach((app, i) => checkApp(app, `apps[${i}]`, seen, numberPattern, problems));
  if (problems.length > 0) throw new SeedError(problems);
}

/** Numbers added at run time obey the seed's rules, except that cityCode may be `''` (unknown). */
export function assertSeedNumbers(numbers: unknown, path: string, numberPattern: RegExp): asserts numbers is SeedNumber[] {
  const problems: string[] = [];
  checkNumbers(numbers, path, new Set(), numberPattern, problems, true);
  if (problems.length > 0) throw new SeedError(problems);
}

function checkApp(app: unknown, path: string, seen: Record<'name' | 'appKey' | 'number', Set<string>>, pattern: RegExp, problems: string[]): void {
  if (!isObject(app)) {
    problems.push(`${path}: expected an object`);
    return;
  }
  for (const key of ['name', 'appKey'] as const) {
    const v = app[key];
    if (typeof v !== 'string' || v === '') problems.push(`${path}.${key}: expected a non-empty string`);
    else if (seen[key].has(v)) problems.push(`${path}.${key}: "${v}" is used by another app`);
    else seen[key].add(v);
  }
  if (typeof app.appSecret !== 'string' || app.appSecret === '') problems.push(`${path}.appSecret: expected a non-empty string`);
  if (typeof app.mode !== 'string' || !MODES.includes(app.mode)) problems.push(`${path}.mode: expected one of ${MODES.join(', ')}`);
  const ext = app.extensionLength;
  if (ext !== undefined && !(Number.isInteger(ext) && (ext as number) >= 1 && (ext as number) <= 4)) {
    problems.push(`${path}.extensionLength: expected an integer 1-4`);
  }
  checkNumbers(app.numbers, `${path}.numbers`, seen.number, pattern, problems);
  checkPush(app.push, `${path}.push`, problems);
  if (app.pushScheme !== undefined && app.pushScheme !== 'aksk' && app.pushScheme !== 'wsse') problems.push(`${path}.pushScheme: expected "aksk" or "wsse"`);
  const sp = app.spId;
  if (sp !== undefined && !(typeof sp === 'string' && sp.length >= 1 && sp.length <= 32)) problems.push(`${path}.spId: expected a string of 1-32 characters`);
}

function checkNumbers(numbers: unknown, path: string, seen: Set<string>, pattern: RegExp, problems: string[], unknownCity = false): void {
  if (!Array.isArray(numbers)) {
    problems.push(`${path}: expected an array`);
    return;
  }
  numbers.forEach((n, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(n)) return void problems.push(`${at}: expected an object { number, cityCode }`);
    if (typeof n.number !== 'string' || !pattern.test(n.number)) problems.push(`${at}.number: expected a number matching ${pattern}`);
    else if (seen.has(n.number)) problems.push(`${at}.number: ${n.number} appears twice`);
    else seen.add(n.number);
    if (unknownCity && n.cityCode === '') return;
    if (typeof n.cityCode !== 'string' || !CITY_CODE.test(n.cityCode)) problems.push(`${at}.cityCode: expected a city code like "0755"`);
  });
}

function checkPush(push: unknown, path: string, problems: string[]): void {
  if (push === undefined) return;
  if (!isObject(push)) return void problems.push(`${path}: expected an object`);
  for (const [key, url] of Object.entries(push)) {
    if (!PUSH_KEYS.includes(key)) problems.push(`${path}.${key}: unknown push kind (expected ${PUSH_KEYS.join(', ')})`);
    else if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) problems.push(`${path}.${key}: expected an http(s) URL`);
  }
}

function checkPositive(v: unknown, path: string, problems: string[]): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) problems.push(`${path}: expected a positive number`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
