import type { IncomingHttpHeaders } from 'node:http';
import { computeDigest, digestsEqual, parseAuthorization, parseTokenHeader, TOKEN_HEADER, type AuthScheme } from '../../platform/signing';
import type { Clock } from '../clock';
import type { EmulatorAuthOptions } from '../emulator-config';
import { fail, RESULT } from '../result';
import type { AppState } from '../state';
import { NonceCache } from './nonce-cache';

const CREATED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;

export interface AuthenticatorDeps {
  findApp(appKey: string): AppState | undefined;
  clock: Clock;
  options: EmulatorAuthOptions;
}

/**
 * The platform's authentication, in the order of rest-api.md §2.6 and §12: Authorization header checks
 * (400 1023006–1023012), token header checks (400 1023033–1023037), unknown app_key (403 1010003),
 * digest (401 1010010), Created outside the window (401 1010013), then, when enabled, a replayed nonce
 * (401 1010010). Header names are case-insensitive (Node lower-cases them).
 */
export class Authenticator {
  private readonly nonces: NonceCache;

  constructor(private readonly deps: AuthenticatorDeps) {
    this.nonces = new NonceCache(2 * deps.options.windowSeconds * 1000);
  }

  /** The authenticated app; throws ResultError with the first failing check. */
  authenticate(headers: IncomingHttpHeaders): AppState {
    const scheme = this.readAuthorization(headers.authorization);
    const token = readToken(headers[TOKEN_HEADER[scheme]]);
    const app = this.deps.findApp(token.username) ?? fail(RESULT.invalidAppKey);
    const expected = computeDigest(scheme, app.appSecret, token.nonce, token.created);
    if (!digestsEqual(expected, token.passwordDigest)) fail(RESULT.invalidDigest);
    this.checkCreated(token.created);
    if (this.deps.options.rejectNonceReplay && !this.nonces.claim(app.appKey, token.nonce, this.deps.clock.now())) {
      fail(RESULT.invalidDigest);
    }
    return app;
  }

  /** Presence of realm, profile, type first, then their values, then the scheme word (AKSK, or WSSE if accepted). */
  private readAuthorization(value: string | undefined): AuthScheme {
    if (!value || !value.trim()) fail(RESULT.noAuthorization);
    const { scheme, params } = parseAuthorization(value);
    if (params.realm === undefined) fail(RESULT.noRealm);
    if (params.profile === undefined) fail(RESULT.noProfile);
    if (params.type === undefined) fail(RESULT.noType);
    if (params.realm !== 'SDP') fail(RESULT.badRealm);
    if (params.profile !== 'UsernameToken') fail(RESULT.badProfile);
    if (params.type !== 'Appkey') fail(RESULT.badType);
    const word = scheme.toUpperCase();
    if (word === 'AKSK') return 'aksk';
    if (word === 'WSSE' && this.deps.options.acceptWsse) return 'wsse';
    return fail(RESULT.noAuthorization);
  }

  private checkCreated(created: string): void {
    const m = CREATED.exec(created) ?? fail(RESULT.timeOutLimit);
    const at = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    if (!Number.isFinite(at) || Math.abs(at - this.deps.clock.now()) > this.deps.options.windowSeconds * 1000) {
      fail(RESULT.timeOutLimit);
    }
  }
}

interface Token {
  username: string;
  nonce: string;
  created: string;
  passwordDigest: string;
}

function readToken(value: string | string[] | undefined): Token {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.trim()) fail(RESULT.noTokenHeader);
  const t = parseTokenHeader(raw);
  if (!t.username) fail(RESULT.noUserName);
  if (!t.nonce) fail(RESULT.noNonce);
  if (!t.created) fail(RESULT.noCreated);
  if (!t.passwordDigest) fail(RESULT.noPasswordDigest);
  return { username: t.username, nonce: t.nonce, created: t.created, passwordDigest: t.passwordDigest };
}
