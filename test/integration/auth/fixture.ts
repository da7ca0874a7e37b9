import { createHash, randomBytes } from 'node:crypto';
import { exportSPKI, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import type { Role } from '../../../src/config';
import { sandboxSeed } from '../../../src/emulator/seed';
import type { GatewayOverrides } from '../../../src/gateway';
import { type GatewayOnEmulator, startGatewayOnEmulator } from '../../helpers/gateway';

/** The sha256 of every key configured by startAuthGateway, for checks that none reaches a log. */
export const keyHashes: string[] = [];

/** An API key as a client holds it, and the config entry the gateway holds (its hash). */
export interface TestKey {
  name: string;
  token: string;
  role: Role;
  apps?: string[];
}

function newKey(name: string, role: Role, apps?: string[]): TestKey {
  return { name, token: `pnk_${randomBytes(32).toString('base64url')}`, role, apps };
}

export const ISSUER = 'https://id.test.invalid';
export const AUDIENCE = 'pn-gateway';

export interface AuthGateway extends GatewayOnEmulator {
  keys: { viewer: TestKey; operator: TestKey; admin: TestKey; axbOperator: TestKey; axbViewer: TestKey };
  /** Signs a JWT with the key the gateway trusts (ES256), claims overridable. */
  jwt(claims: Record<string, unknown>, options?: { expiresIn?: string | number; notBefore?: string | number; key?: KeyLike; alg?: string }): Promise<string>;
  bearer(token: string): { authorization: string };
}

/**
 * A production-mode gateway on the emulator (the four sandbox apps) with authentication on: API keys for
 * each role, two limited to sandbox-axb, and JWTs signed by an ES256 key generated here.
 */
export async function startAuthGateway(extraSections: Record<string, unknown> = {}, overrides: GatewayOverrides = {}): Promise<AuthGateway> {
  const keys = {
    viewer: newKey('viewer-all', 'viewer'),
    operator: newKey('operator-all', 'operator'),
    admin: newKey('admin-all', 'admin'),
    axbOperator: newKey('operator-axb', 'operator', ['sandbox-axb']),
    axbViewer: newKey('viewer-axb', 'viewer', ['sandbox-axb']),
  };
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const apiKeys = Object.values(keys).map((k) => ({ name: k.name, sha256: createHash('sha256').update(k.token).digest('hex'), role: k.role, ...(k.apps ? { apps: k.apps } : {}) }));
  const auth = { apiKeys, jwt: { issuer: ISSUER, audience: AUDIENCE, publicKeys: [await exportSPKI(publicKey)] } };
  const gw = await startGatewayOnEmulator(sandboxSeed(), {}, {}, {}, { auth, ...extraSections }, { overrides });
  keyHashes.push(...apiKeys.map((k) => k.sha256));
  return {
    ...gw,
    keys,
    async jwt(claims, options = {}) {
      const jwt = new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'ES256' })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m');
      if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
      return jwt.sign(options.key ?? privateKey);
    },
    bearer: (token) => ({ authorization: `Bearer ${token}` }),
  };
}
