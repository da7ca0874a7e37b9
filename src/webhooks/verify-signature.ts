import type { WebhookAuthMode } from '../config';
import { computeDigest, digestsEqual, parseAuthorization, parseTokenHeader, TOKEN_HEADER, type AuthScheme } from '../platform/signing';
import { UnreachableCaseError } from '../shared/unreachable';
import { describeValue } from './describe-value';

export interface VerifyInput {
  /** Request headers; names in any case (Node gives lower case), a repeated header's first value is used. */
  headers: Record<string, string | string[] | undefined>;
  appKey: string;
  appSecret: string;
  /** The scheme the configuration names (`platform.authScheme`): a push signed with the other is refused. */
  scheme: AuthScheme;
  nowMs: number;
  /** Allowed |Created − now|, seconds; a difference of exactly the window is accepted. */
  windowSeconds: number;
}

export type VerifyFailure =
  | 'missing-header'
  | 'bad-authorization'
  | 'wrong-scheme'
  | 'wrong-app-key'
  | 'bad-digest'
  | 'created-out-of-window'
  | 'malformed-token';

/** `detail` is for logs: it names the header or field at fault and never carries the secret or a digest. */
export type VerifyResult = { ok: true; scheme: AuthScheme; nonce: string } | { ok: false; reason: VerifyFailure; detail: string };

/** Documented Authorization parameters (push-api.md §1.2); compared ignoring case. */
const AUTH_PARAMS: Readonly<Record<string, string>> = { realm: 'SDP', profile: 'UsernameToken', type: 'Appkey' };
const CREATED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;
const MAX_NONCE_LENGTH = 128;

interface Token {
  username: string;
  passwordDigest: string;
  nonce: string;
  created: string;
  createdMs: number;
}

type Step<T> = { ok: true; value: T } | { ok: false; reason: VerifyFailure; detail: string };

/**
 * Checks a push's signature as push-api.md §1.3 describes, for the current `AKSK` form (`X-AKSK`, HMAC-SHA256)
 * and the older `WSSE` form (`X-WSSE`, SHA-256), whichever the configuration names: Authorization header →
 * the configured scheme → token header → Username is this
 * app's key → digest (constant time) → Created within the window. The first failing step gives the reason.
 * Pure: the nonce of a push that passed is claimed by the webhook handler in the push's store transaction
 * (nonce-ledger.ts).
 */
export function verifyPushSignature(input: VerifyInput): VerifyResult {
  const scheme = readScheme(header(input.headers, 'authorization'));
  if (!scheme.ok) return scheme;
  if (scheme.value !== input.scheme) {
    return failure('wrong-scheme', `Authorization is ${scheme.value.toUpperCase()}, the configured scheme is ${input.scheme.toUpperCase()}`);
  }
  const token = readToken(scheme.value, header(input.headers, TOKEN_HEADER[scheme.value]));
  if (!token.ok) return token;
  const { username, passwordDigest, nonce, created, createdMs } = token.value;
  if (username !== input.appKey) {
    return failure('wrong-app-key', `token Username ${describeValue(username)} is not this app's APP_Key`);
  }
  if (!digestsEqual(computeDigest(scheme.value, input.appSecret, nonce, created), passwordDigest)) {
    return failure('bad-digest', `PasswordDigest does not match (${scheme.value})`);
  }
  if (Math.abs(createdMs - input.nowMs) > input.windowSeconds * 1000) {
    return failure('created-out-of-window', `Created ${created} is more than ${input.windowSeconds} s from now`);
  }
  return { ok: true, scheme: scheme.value, nonce };
}

/** What to do with a push given the app's mode: off never checks, log only reports, enforce refuses. */
export function decideAuth(mode: WebhookAuthMode, result: VerifyResult): { accept: boolean; log: boolean } {
  switch (mode) {
    case 'off':
      return { accept: true, log: false };
    case 'log':
      return { accept: true, log: !result.ok };
    case 'enforce':
      return { accept: result.ok, log: !result.ok };
    default:
      throw new UnreachableCaseError(mode);
  }
}

function failure(reason: VerifyFailure, detail: string): { ok: false; reason: VerifyFailure; detail: string } {
  return { ok: false, reason, detail };
}

/** Case-insensitive header lookup; the first value of a repeated header. */
function header(headers: VerifyInput['headers'], name: string): string | undefined {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first;
  }
  return undefined;
}

/** `AKSK realm="SDP",profile="UsernameToken",type="Appkey"` or the `WSSE` form; a parameter may be left out. */
function readScheme(value: string | undefined): Step<AuthScheme> {
  if (value === undefined) return failure('missing-header', 'no Authorization header');
  const { scheme, params } = parseAuthorization(value);
  const word = scheme.toUpperCase();
  if (word !== 'AKSK' && word !== 'WSSE') {
    return failure('bad-authorization', `Authorization scheme ${describeValue(scheme)} is neither AKSK nor WSSE`);
  }
  for (const [name, expected] of Object.entries(AUTH_PARAMS)) {
    const got = params[name];
    if (got !== undefined && got.toLowerCase() !== expected.toLowerCase()) {
      return failure('bad-authorization', `Authorization ${name} is ${describeValue(got)}, expected "${expected}"`);
    }
  }
  return { ok: true, value: word === 'AKSK' ? 'aksk' : 'wsse' };
}

function readToken(scheme: AuthScheme, value: string | undefined): Step<Token> {
  const name = TOKEN_HEADER[scheme];
  if (value === undefined) return failure('missing-header', `no ${name} header for Authorization ${scheme.toUpperCase()}`);
  const t = parseTokenHeader(value);
  const missing = (['username', 'passwordDigest', 'nonce', 'created'] as const).filter((key) => !t[key]);
  if (missing.length > 0) return failure('malformed-token', `${name} lacks ${missing.join(', ')}`);
  const { username = '', passwordDigest = '', nonce = '', created = '' } = t;
  if (nonce.length > MAX_NONCE_LENGTH) return failure('malformed-token', `${name} Nonce is longer than ${MAX_NONCE_LENGTH}`);
  const createdMs = parseCreated(created);
  if (createdMs === undefined) {
    return failure('malformed-token', `${name} Created ${describeValue(created)} is not yyyy-MM-ddTHH:mm:ssZ`);
  }
  return { ok: true, value: { username, passwordDigest, nonce, created, createdMs } };
}

/** `yyyy-MM-ddTHH:mm:ssZ` (milliseconds tolerated) as epoch ms; undefined when malformed or not a real time. */
function parseCreated(created: string): number | undefined {
  const m = CREATED.exec(created);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  const real =
    check.getUTCMonth() === month - 1 && check.getUTCDate() === day && check.getUTCHours() === hour && check.getUTCMinutes() === minute;
  return real && second < 60 ? ms : undefined;
}
