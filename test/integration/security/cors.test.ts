import type { Client } from 'graphql-ws';
import { print } from 'graphql';
import { AppsDocument, SetSmsPolicyDocument, SmsPolicyDocument } from '../../generated/graphql';
import { startGatewayOnEmulator, startTestGateway, type GatewayOnEmulator, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { createOriginWsClient, upgradeStatus } from '../../helpers/origin-ws';
import { withTimeout } from '../../helpers/with-timeout';

const ALLOWED = 'http://localhost:5173';
const EVIL = 'http://evil.example';
const APPS_QUERY = JSON.stringify({ query: print(AppsDocument) });

const preflight = (url: string, origin: string | undefined): Promise<Response> =>
  fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      ...(origin === undefined ? {} : { origin }),
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

const postApps = (url: string, origin?: string): Promise<Response> =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin === undefined ? {} : { origin }) }, body: APPS_QUERY });

const corsHeadersOf = (res: Response): string[] => [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));

/** One operation over graphql-ws: its result, or `refused` when the socket could not be used. */
function attempt(client: Client, query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] } | 'refused'> {
  const outcome = new Promise<{ data?: unknown; errors?: unknown[] } | 'refused'>((resolve) => {
    let last: { data?: unknown; errors?: unknown[] } | undefined;
    client.subscribe(
      { query, variables },
      {
        next: (value) => void (last = value as typeof last),
        error: (err) => resolve(Array.isArray(err) ? { errors: err } : 'refused'),
        complete: () => resolve(last ?? 'refused'),
      },
    );
  });
  return withTimeout(outcome, 10_000, 'the graphql-ws operation');
}

describe('CORS and Origin on /graphql (sandbox defaults: http://localhost:* and http://127.0.0.1:*)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  }, 60_000);
  afterAll(() => gw?.stop());

  it('answers a preflight from an allowed origin with 204 and the CORS headers', async () => {
    const res = await preflight(gw.url, ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    expect(allowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'x-request-id', 'x-apollo-operation-name']));
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('refuses a preflight from another origin with 403 and no CORS headers', async () => {
    for (const origin of [EVIL, 'http://localhost.evil.example:5173', 'https://localhost:5173', 'null']) {
      const res = await preflight(gw.url, origin);
      expect(res.status).toBe(403);
      expect(corsHeadersOf(res)).toEqual([]);
      await res.arrayBuffer();
    }
  });

  it('an actual request from an allowed origin carries allow-origin and exposes x-request-id; another origin gets 403', async () => {
    const allowed = await postApps(gw.url, 'http://127.0.0.1:3000');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(((await allowed.json()) as { data: { apps: unknown[] } }).data.apps).toHaveLength(4);

    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ apps { name } }')}`, { headers: { origin: ALLOWED, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    await get.arrayBuffer();

    const evil = await postApps(gw.url, EVIL);
    expect(evil.status).toBe(403);
    expect(corsHeadersOf(evil)).toEqual([]);
    expect(await evil.json()).toMatchObject({ error: 'FORBIDDEN' });
  });

  it('leaves requests without an Origin header alone (servers, curl); OPTIONS without Origin is 204, not 405', async () => {
    const plain = await postApps(gw.url);
    expect(plain.status).toBe(200);
    expect(corsHeadersOf(plain)).toEqual([]);
    await plain.arrayBuffer();
    const options = await preflight(gw.url, undefined);
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, POST, OPTIONS');
    expect(corsHeadersOf(options)).toEqual([]);
    const put = await fetch(`${gw.url}/graphql`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, OPTIONS');
    await put.arrayBuffer();
  });

  it('refuses a WebSocket upgrade from another origin with 403 before the handshake; allowed or absent Origin connects', async () => {
    expect(await upgradeStatus(gw.url, EVIL)).toBe(403);
    expect(await upgradeStatus(gw.url, 'null')).toBe(403);
    expect(await upgradeStatus(gw.url, ALLOWED)).toBe(101);
    expect(await upgradeStatus(gw.url, undefined)).toBe(101);
  });

  it('a page of another origin cannot change the SMS policy over graphql-ws; an allowed origin can', async () => {
    const policyOf = async () => (await postGraphql(gw.url, SmsPolicyDocument, { app: 'sandbox-ax' })).body.data?.smsPolicy;
    const before = await policyOf();
    const input = { app: 'sandbox-ax', defaultDecision: 'DISCARD' as const, rules: [{ contentContains: 'deliver', decision: 'FORWARD' as const, forwardTo: '+8613800000349' }] };

    const evil = createOriginWsClient(gw.url, EVIL);
    try {
      expect(await attempt(evil, print(SetSmsPolicyDocument), { input })).toBe('refused');
    } finally {
      await evil.dispose();
    }
    expect(await policyOf()).toEqual(before);

    const friend = createOriginWsClient(gw.url, ALLOWED);
    try {
      const result = await attempt(friend, print(SetSmsPolicyDocument), { input });
      expect(result).toMatchObject({ data: { setSmsPolicy: { defaultDecision: 'DISCARD', rules: [{ contentContains: 'deliver', decision: 'FORWARD' }] } } });
    } finally {
      await friend.dispose();
    }
    expect(await policyOf()).toMatchObject({ defaultDecision: 'DISCARD' });
  });
});

describe('CORS in production: only the configured origins, and the gateway own pages', () => {
  let gw: GatewayOnEmulator;
  beforeAll(async () => {
    const seed = { apps: [{ name: 'cors-axb', mode: 'AXB' as const, appKey: 'corsAxbKey000000', appSecret: 'corsAxbSecret000', numbers: [{ number: '+8617100000101', cityCode: '0755' }] }] };
    gw = await startGatewayOnEmulator(seed, {}, {}, {}, { cors: { allowedOrigins: ['https://app.example.com', 'http://localhost:*'] } });
  }, 60_000);
  afterAll(() => gw?.stop());

  it('allows the listed origins over HTTP and WebSocket and refuses the rest', async () => {
    const ok = await preflight(gw.url, 'https://app.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect((await preflight(gw.url, 'https://other.example.com')).status).toBe(403);
    expect((await preflight(gw.url, 'http://127.0.0.1:5173')).status).toBe(403);
    expect(await upgradeStatus(gw.url, 'https://app.example.com')).toBe(101);
    expect(await upgradeStatus(gw.url, 'http://localhost:8080')).toBe(101);
    expect(await upgradeStatus(gw.url, EVIL)).toBe(403);
  });

  it('the GraphiQL page the gateway serves is same-origin: its requests and its socket are allowed', async () => {
    const own = new URL(gw.url).origin;
    const res = await postApps(gw.url, own);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(await upgradeStatus(gw.url, own)).toBe(101);
  });
});
