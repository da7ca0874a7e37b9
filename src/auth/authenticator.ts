import { createHash, createPublicKey, timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, exportJWK, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig, JwtConfig, Role } from '../config';
import { ROLES } from '../config';
import { bearerToken } from '../shared/bearer';
import { anonymousPrincipal, type Principal } from './principal';

/**
 * Turns the `Authorization` value of a request (HTTP header, or graphql-ws `connectionParams.authorization`)
 * into a Principal. The same for both transports. Never logs or returns anything about the token itself.
 */
export type AuthOutcome =
  | { ok: true; principal: Principal }
  /** unauthenticated: no usable credential (HTTP 401, WebSocket 4401); forbidden: a valid credential without the right to connect (403, 4403). */
  | { ok: false; reason: 'unauthenticated' | 'forbidden'; message: string };

/** JWT algorithms accepted; HS* is never accepted (a shared secret is not an identity provider's key). */
const JWT_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

export class Authenticator {
  private readonly apiKeys: { digest: Buffer; principal: Principal }[];
  private readonly jwtKey: JWTVerifyGetKey | null;
  private readonly knownApps: ReadonlySet<string>;

  constructor(
    private readonly config: AuthConfig,
    knownApps: readonly string[],
  ) {
    this.apiKeys = config.apiKeys.map((k) => ({
      digest: Buffer.from(k.sha256, 'hex'),
      principal: { kind: 'apiKey', name: k.name, role: k.role, apps: k.apps && new Set(k.apps), expiresAt: null },
    }));
    this.jwtKey = config.jwt ? jwtKeyOf(config.jwt) : null;
    this.knownApps = new Set(knownApps);
  }

  /** `authorization`: the header value (`Bearer <token>`), undefined when absent. */
  async authenticate(authorization: string | undefined): Promise<AuthOutcome> {
    if (!this.config.enabled) return { ok: true, principal: anonymousPrincipal('admin') };
    if (authorization === undefined || authorization.trim() === '') {
      if (this.config.allowAnonymous) return { ok: true, principal: anonymousPrincipal(this.config.anonymousRole) };
      return denied('unauthenticated', 'authorization: a Bearer token is required');
    }
    const token = bearerToken(authorization);
    if (token === null) return denied('unauthenticated', 'authorization: expected "Bearer <token>"');
    if (this.jwtKey && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return this.verifyJwt(token, this.config.jwt!, this.jwtKey);
    return this.checkApiKey(token);
  }

  private checkApiKey(token: string): AuthOutcome {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: Principal | null = null;
    // Every configured key is compared, in constant time each, so timing tells nothing about which was close.
    for (const key of this.apiKeys) if (timingSafeEqual(key.digest, digest)) found = key.principal;
    return found ? { ok: true, principal: found } : denied('unauthenticated', 'authorization: the token is not a valid API key or JWT');
  }

  private async verifyJwt(token: string, config: JwtConfig, key: JWTVerifyGetKey): Promise<AuthOutcome> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: JWT_ALGORITHMS,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      return denied('unauthenticated', `authorization: ${jwtProblem(err)}`);
    }
    const role = payload[config.roleClaim];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      return denied('forbidden', `authorization: the token's ${config.roleClaim} claim must be one of ${ROLES.join(', ')}`);
    }
    const claimed = payload[config.appsClaim];
    let apps: Set<string> | null = null;
    if (claimed !== undefined) {
      if (!Array.isArray(claimed) || !claimed.every((a) => typeof a === 'string')) {
        return denied('forbidden', `authorization: the token's ${config.appsClaim} claim must be an array of app names`);
      }
      apps = new Set(claimed.filter((a: string) => this.knownApps.has(a)));
      if (apps.size === 0) return denied('forbidden', `authorization: the token's ${config.appsClaim} claim names no configured app`);
    }
    const name = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : 'jwt';
    return { ok: true, principal: { kind: 'jwt', name, role: role as Role, apps, expiresAt: new Date(payload.exp! * 1000) } };
  }
}

function denied(reason: 'unauthenticated' | 'forbidden', message: string): AuthOutcome {
  return { ok: false, reason, message };
}

/** A JWKS endpoint (jose fetches and caches it), or a local key set made of the configured PEM keys. */
function jwtKeyOf(config: JwtConfig): JWTVerifyGetKey {
  if (config.jwksUrl) return createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  // jose picks the keys whose type fits the token's alg and tries each of them.
  const local = Promise.all(config.publicKeys.map((pem) => exportJWK(createPublicKey(pem)))).then((keys) => createLocalJWKSet({ keys }));
  return async (header, token) => (await local)(header, token);
}

/** A short reason a client can act on; never the token or its claims' values. */
function jwtProblem(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) return 'the token signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the token algorithm is not accepted (RS256, ES256 or EdDSA)';
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return 'the identity provider keys could not be read';
  return 'the token is not a valid JWT';
}
