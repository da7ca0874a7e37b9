import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { AppsDocument } from '../../generated/graphql';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient, postGraphql, wsRequest } from '../../helpers/graphql-client';
import { withTimeout } from '../../helpers/with-timeout';
import WebSocket from 'ws';
import { sandboxSeed } from '../../../src/emulator/seed';
import { AUDIENCE, type AuthGateway, ISSUER, startAuthGateway } from './fixture';

jest.setTimeout(60_000);

/** Opens a raw graphql-transport-ws socket, sends connection_init with this payload, resolves with the close code. */
function closeCodeOf(url: string, payload: Record<string, unknown> | undefined): Promise<number> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
  socket.on('error', () => undefined);
  return withTimeout(new Promise<number>((resolve) => socket.once('close', (code) => resolve(code))), 15_000, 'the socket to close');
}

describe('authentication (production mode)', () => {
  let gw: AuthGateway;
  beforeAll(async () => {
    gw = await startAuthGateway();
  }, 120_000);
  afterAll(() => gw?.stop());

  it('HTTP: no token, a malformed header, an unknown key or a bad JWT is 401 UNAUTHENTICATED before anything runs', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /a Bearer token is required/],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, /expected "Bearer <token>"/],
      [{ authorization: 'Bearer' }, /expected "Bearer <token>"/],
      [{ authorization: `Bearer pnk_${'x'.repeat(43)}` }, /not a valid API key or JWT/],
      [{ authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln' }, /not a valid JWT|signature does not verify|algorithm/],
    ];
    for (const [headers, message] of cases) {
      const res = await postGraphql(gw.url, AppsDocument, {}, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }]);
    }
  });

  it('HTTP: each API key acts with its role; the apps query shows a limited key only its apps', async () => {
    const all = await postGraphql(gw.url, AppsDocument, {}, gw.bearer(gw.keys.viewer.token));
    expect(all.status).toBe(200);
    expect(all.body.data?.apps.map((a) => a.name)).toEqual(['sandbox-ax', 'sandbox-axb', 'sandbox-axe', 'sandbox-axyb']);
    const limited = await postGraphql(gw.url, AppsDocument, {}, gw.bearer(gw.keys.axbViewer.token));
    expect(limited.body.data?.apps.map((a) => a.name)).toEqual(['sandbox-axb']);
  });

  it('JWT: a valid ES256 token works; expired, not yet valid, wrong issuer or audience, or another key are 401 with the reason', async () => {
    const ok = await postGraphql(gw.url, AppsDocument, {}, gw.bearer(await gw.jwt({ pn_role: 'viewer', pn_apps: ['sandbox-ax'] })));
    expect(ok.status).toBe(200);
    expect(ok.body.data?.apps.map((a) => a.name)).toEqual(['sandbox-ax']);
    const other = await generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const bad: [Promise<string>, RegExp][] = [
      [gw.jwt({ pn_role: 'viewer' }, { expiresIn: now - 120 }), /has expired/],
      [gw.jwt({ pn_role: 'viewer' }, { notBefore: now + 600 }), /nbf claim/],
      [gw.jwt({ pn_role: 'viewer', iss: 'https://evil.invalid' }), /iss claim/],
      [gw.jwt({ pn_role: 'viewer', aud: 'someone-else' }), /aud claim/],
      [gw.jwt({ pn_role: 'viewer' }, { key: other.privateKey }), /signature does not verify/],
    ];
    for (const [token, reason] of bad) {
      const res = await postGraphql(gw.url, AppsDocument, {}, gw.bearer(await token));
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(reason), extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('JWT: a token within the clock tolerance of its expiry is still accepted', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await postGraphql(gw.url, AppsDocument, {}, gw.bearer(await gw.jwt({ pn_role: 'viewer' }, { expiresIn: now - 5 })));
    expect(res.status).toBe(200);
  });

  it('JWT: a valid token with an unknown role or no configured app is 403 FORBIDDEN', async () => {
    for (const claims of [{ pn_role: 'root' }, {}, { pn_role: 'viewer', pn_apps: ['elsewhere'] }, { pn_role: 'viewer', pn_apps: 'sandbox-ax' }]) {
      const res = await postGraphql(gw.url, AppsDocument, {}, gw.bearer(await gw.jwt(claims)));
      expect(res.status).toBe(403);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('WebSocket: no token or a bad one closes with 4401, a valid token without the right to connect with 4403', async () => {
    expect(await closeCodeOf(gw.url, undefined)).toBe(4401);
    expect(await closeCodeOf(gw.url, { authorization: 'Bearer nope' })).toBe(4401);
    expect(await closeCodeOf(gw.url, { authorization: `Bearer ${await gw.jwt({ pn_role: 'superuser' })}` })).toBe(4403);
  });

  it('WebSocket: connectionParams.authorization authenticates the socket', async () => {
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(gw.keys.axbViewer.token) });
    try {
      const result = await wsRequest(client, AppsDocument);
      expect(result.data?.apps.map((a) => a.name)).toEqual(['sandbox-axb']);
    } finally {
      await client.dispose();
    }
  });

  it('WebSocket: a subscription is completed with UNAUTHENTICATED when its token expires', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const client = createWsClient(gw.url, { connectionParams: gw.bearer(await gw.jwt({ pn_role: 'viewer' }, { expiresIn: expiresAt })) });
    try {
      const ended = new Promise<{ errors: unknown[]; completed: boolean }>((resolve) => {
        const errors: unknown[] = [];
        client.subscribe(
          { query: 'subscription { callEvents { cursor } }' },
          { next: (r) => r.errors && errors.push(...r.errors), error: (e) => resolve({ errors: [e], completed: false }), complete: () => resolve({ errors, completed: true }) },
        );
      });
      const outcome = await withTimeout(ended, 20_000, 'the subscription to end at token expiry');
      expect(outcome.completed).toBe(true);
      expect(outcome.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/token has expired/), extensions: { code: 'UNAUTHENTICATED' } })]);
      // A new operation on the same socket is refused too: the socket's credential is gone.
      const after = await wsRequest(client, AppsDocument);
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await client.dispose();
    }
  });
});

describe('JWT keys from a JWKS endpoint (RS256, EdDSA)', () => {
  let jwks: Server;
  let gw: GatewayOnEmulator;
  const signers: { alg: string; privateKey: KeyLike }[] = [];

  beforeAll(async () => {
    const keys: JWK[] = [];
    for (const [alg, kid] of [['RS256', 'rsa-1'], ['EdDSA', 'ed-1']] as const) {
      const pair = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
      signers.push({ alg, privateKey: pair.privateKey });
      keys.push({ ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' });
    }
    jwks = createServer((req, res) => {
      res.writeHead(req.url === '/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    gw = await startGatewayOnEmulator(sandboxSeed(), {}, {}, {}, { auth: { jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, roleClaim: 'role', appsClaim: 'apps' } } });
  }, 120_000);
  afterAll(async () => {
    await gw?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('verifies tokens signed by each key of the set, with the configured claim names', async () => {
    for (const [i, s] of signers.entries()) {
      const token = await new SignJWT({ role: 'viewer', apps: ['sandbox-axe'] })
        .setProtectedHeader({ alg: s.alg, kid: i === 0 ? 'rsa-1' : 'ed-1' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(s.privateKey);
      const res = await postGraphql(gw.url, AppsDocument, {}, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      expect(res.body.data?.apps.map((a) => a.name)).toEqual(['sandbox-axe']);
    }
  });

  it('refuses an HS256 token even when its secret is the public key text', async () => {
    const pair = await generateKeyPair('RS256');
    const secret = new TextEncoder().encode(await exportSPKI(pair.publicKey));
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(secret);
    const res = await postGraphql(gw.url, AppsDocument, {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('graphql-ws accepts a JWKS-verified token', async () => {
    const token = await new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'EdDSA', kid: 'ed-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(signers[1].privateKey);
    const client = createWsClient(gw.url, { connectionParams: { authorization: `Bearer ${token}` } });
    try {
      expect((await wsRequest(client, AppsDocument)).data?.apps).toHaveLength(4);
    } finally {
      await client.dispose();
    }
  });
});
