import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { toCreated } from '../shared/time';

/**
 * The platform's UsernameToken digest (rest-api.md §2, push-api.md §1.3). Shared by the client, the
 * emulator and the webhook verifier: it is the one piece of the wire contract all three must agree on.
 */
export type AuthScheme = 'aksk' | 'wsse';

export const AUTHORIZATION_VALUE: Record<AuthScheme, string> = {
  aksk: 'AKSK realm="SDP",profile="UsernameToken",type="Appkey"',
  wsse: 'WSSE realm="SDP",profile="UsernameToken",type="Appkey"',
};

/** The header that carries the token, lower-case as Node presents it. */
export const TOKEN_HEADER: Record<AuthScheme, 'x-aksk' | 'x-wsse'> = { aksk: 'x-aksk', wsse: 'x-wsse' };

/** AKSK: Base64(HMAC-SHA256(key = secret, nonce + created)). WSSE: Base64(SHA256(nonce + created + secret)). */
export function computeDigest(scheme: AuthScheme, secret: string, nonce: string, created: string): string {
  switch (scheme) {
    case 'aksk':
      return createHmac('sha256', Buffer.from(secret, 'utf8')).update(nonce + created, 'utf8').digest('base64');
    case 'wsse':
      return createHash('sha256').update(nonce + created + secret, 'utf8').digest('base64');
  }
}

/** 32 upper-case hex characters: within the documented `[0-9A-Za-z]{1,128}`. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export interface UsernameToken {
  username?: string;
  passwordDigest?: string;
  nonce?: string;
  created?: string;
}

/** Builds the token header value; a fresh nonce and `Created` per call (so per attempt). */
export function buildTokenHeader(
  scheme: AuthScheme,
  appKey: string,
  secret: string,
  now: Date = new Date(),
  nonce: string = newNonce(),
): string {
  const created = toCreated(now);
  const digest = computeDigest(scheme, secret, nonce, created);
  return `UsernameToken Username="${appKey}", PasswordDigest="${digest}", Nonce="${nonce}", Created="${created}"`;
}

/** Headers for one signed request or push. */
export function signedHeaders(scheme: AuthScheme, appKey: string, secret: string, now?: Date): Record<string, string> {
  return {
    authorization: AUTHORIZATION_VALUE[scheme],
    [TOKEN_HEADER[scheme]]: buildTokenHeader(scheme, appKey, secret, now),
  };
}

/**
 * Parses `UsernameToken Username="…", PasswordDigest="…", Nonce="…", Created="…"`: commas with optional
 * white space, quotes optional, key names case-insensitive (`UserName` occurs in the docs).
 */
export function parseTokenHeader(value: string): UsernameToken {
  const body = value.trim().replace(/^UsernameToken\s*/i, '');
  const token: UsernameToken = {};
  for (const part of body.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*"?([^"]*)"?\s*$/.exec(part);
    if (!m) continue;
    const key = m[1].toLowerCase();
    if (key === 'username') token.username = m[2];
    else if (key === 'passworddigest') token.passwordDigest = m[2];
    else if (key === 'nonce') token.nonce = m[2];
    else if (key === 'created') token.created = m[2];
  }
  return token;
}

/** Parses `AKSK realm="SDP",profile="UsernameToken",type="Appkey"` into its scheme word and parameters. */
export function parseAuthorization(value: string): { scheme: string; params: Record<string, string> } {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  const params: Record<string, string> = {};
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  for (const part of rest.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*"?([^"]*)"?\s*$/.exec(part);
    if (m) params[m[1].toLowerCase()] = m[2];
  }
  return { scheme, params };
}

/** Constant-time comparison of two Base64 digests. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
