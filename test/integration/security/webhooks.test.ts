import { loadConfig } from '../../../src/config';
import { createGateway, type Gateway } from '../../../src/gateway';
import { type AuthScheme, signedHeaders } from '../../../src/platform/signing';
import { silentLogger } from '../../../src/shared/logger';
import { CallDocument, PrivacyNumberDocument } from '../../generated/graphql';
import { captureLogger } from '../../helpers/capture-logger';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { fixture } from '../../helpers/push';
import { createTempDir } from '../../helpers/temp-dir';

const PATH_TOKEN = 'pushPath_0123456789-abcdefXYZ';
const APPS = [
  { name: 'edge-axb', mode: 'AXB' as const, appKey: 'edgeAxbKey000000', appSecret: 'edgeAxbSecret000', numbers: [{ number: '+8617100000301', cityCode: '0755' }] },
  { name: 'edge-tok', mode: 'AXB' as const, appKey: 'edgeTokKey000000', appSecret: 'edgeTokSecret000', numbers: [{ number: '+8617100000302', cityCode: '0755' }] },
  { name: 'edge-log', mode: 'AX' as const, appKey: 'edgeLogKey000000', appSecret: 'edgeLogSecret000', numbers: [{ number: '+8617100000303', cityCode: '0755' }] },
];
type SeedApp = (typeof APPS)[number];

let sessions = 0;
/** The callin example with a session of its own, so each push is a new call. */
function callIn(): { body: Record<string, unknown>; sessionId: string } {
  const sessionId = `edge-${process.pid}-${++sessions}@callenabler.example`;
  const body = fixture('call-callin') as { statusInfo: Record<string, unknown> };
  return { body: { ...body, statusInfo: { ...body.statusInfo, sessionId } }, sessionId };
}

interface PushOptions {
  path?: string;
  scheme?: AuthScheme | 'none';
  contentType?: string | null;
  /** Connect here instead of the gateway URL (another address of the same server). */
  baseUrl?: string;
}

/** POSTs a push as the platform does (JSON, signed AKSK) unless the options say otherwise. */
async function send(baseUrl: string, app: SeedApp, body: unknown, options: PushOptions = {}): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const headers: Record<string, string> = {};
  if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json;charset=UTF-8';
  const scheme = options.scheme ?? 'aksk';
  if (scheme !== 'none') Object.assign(headers, signedHeaders(scheme, app.appKey, app.appSecret));
  const res = await fetch(`${options.baseUrl ?? baseUrl}${options.path ?? `/webhooks/${app.name}`}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text && res.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : null };
}

async function stored(url: string, sessionId: string): Promise<boolean> {
  const { body } = await postGraphql(url, CallDocument, { sessionId });
  expect(body.errors).toBeUndefined();
  return body.data?.call != null;
}

describe('webhook hardening in production', () => {
  let gw: GatewayOnEmulator;
  const capture = captureLogger('debug');
  const [axb, tok, logApp] = APPS;

  beforeAll(async () => {
    gw = await startGatewayOnEmulator({ apps: APPS }, {}, {}, {}, { metrics: { public: true } }, {
      appExtras: { 'edge-tok': { webhookPathToken: PATH_TOKEN }, 'edge-log': { webhookAuth: 'log' } },
      overrides: { logger: capture.logger },
    });
  }, 60_000);
  afterAll(() => gw?.stop());

  it('enforces signatures by default: an unsigned push is 401 and not stored, a signed one is stored', async () => {
    const unsigned = callIn();
    expect((await send(gw.url, axb, unsigned.body, { scheme: 'none' })).status).toBe(401);
    expect(await stored(gw.url, unsigned.sessionId)).toBe(false);
    const signed = callIn();
    expect((await send(gw.url, axb, signed.body)).status).toBe(200);
    expect(await stored(gw.url, signed.sessionId)).toBe(true);
  });

  it('refuses a WSSE-signed push when the configuration names aksk (401 in enforce); log mode stores it and logs why', async () => {
    const wsse = callIn();
    const refused = await send(gw.url, axb, wsse.body, { scheme: 'wsse' });
    expect(refused).toMatchObject({ status: 401, json: { error: 'UNAUTHENTICATED' } });
    expect(await stored(gw.url, wsse.sessionId)).toBe(false);

    const logged = callIn();
    expect((await send(gw.url, logApp, logged.body, { scheme: 'wsse' })).status).toBe(200);
    expect(await stored(gw.url, logged.sessionId)).toBe(true);
    expect(capture.lines).toContainEqual(expect.objectContaining({ app: 'edge-log', reason: 'wrong-scheme', mode: 'log', msg: 'push signature check failed' }));
  });

  it('answers 415 with a JSON error to anything but application/json, and stores nothing', async () => {
    const cases: (string | null)[] = ['application/x-www-form-urlencoded', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', null];
    for (const contentType of cases) {
      const push = callIn();
      const res = await send(gw.url, axb, push.body, { contentType });
      expect(res).toMatchObject({ status: 415, json: { error: 'UNSUPPORTED_MEDIA_TYPE' } });
      expect(await stored(gw.url, push.sessionId)).toBe(false);
    }
    const form = callIn();
    const formPost = await fetch(`${gw.url}/webhooks/${axb.name}`, { method: 'POST', headers: signedHeaders('aksk', axb.appKey, axb.appSecret), body: new URLSearchParams({ data: JSON.stringify(form.body) }) });
    expect(formPost.status).toBe(415);
    expect(await formPost.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await stored(gw.url, form.sessionId)).toBe(false);
    const plainJson = callIn();
    expect((await send(gw.url, axb, plainJson.body, { contentType: 'application/json' })).status).toBe(200);
    expect(await stored(gw.url, plainJson.sessionId)).toBe(true);
  });

  it('with a path token, takes pushes only at /webhooks/<app>/<token>; the bare address and a wrong token are 404', async () => {
    const bare = callIn();
    expect((await send(gw.url, tok, bare.body)).status).toBe(404);
    const wrong = callIn();
    expect((await send(gw.url, tok, wrong.body, { path: `/webhooks/${tok.name}/${PATH_TOKEN.slice(0, -1)}x` })).status).toBe(404);
    const extra = callIn();
    expect((await send(gw.url, tok, extra.body, { path: `/webhooks/${tok.name}/${PATH_TOKEN}/more` })).status).toBe(404);
    const tokenOnOther = callIn();
    expect((await send(gw.url, axb, tokenOnOther.body, { path: `/webhooks/${axb.name}/${PATH_TOKEN}` })).status).toBe(404);
    for (const p of [bare, wrong, extra, tokenOnOther]) expect(await stored(gw.url, p.sessionId)).toBe(false);

    const right = callIn();
    expect((await send(gw.url, tok, right.body, { path: `/webhooks/${tok.name}/${PATH_TOKEN}` })).status).toBe(200);
    expect(await stored(gw.url, right.sessionId)).toBe(true);
  });

  it('keeps the path token out of metrics labels and logs', async () => {
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain('route="/webhooks/:app"');
    expect(metrics).not.toContain(PATH_TOKEN);
    expect(capture.text()).not.toContain(PATH_TOKEN);
    expect(capture.text()).not.toContain(tok.appSecret);
  });
});

describe('webhooks.allowedSourceCidrs', () => {
  const app = APPS[0];
  const start = (cidrs: string[], env: Record<string, string> = {}) => startGatewayOnEmulator({ apps: [app] }, {}, env, {}, { webhooks: { allowedSourceCidrs: cidrs } });

  it('a push from 127.0.0.1 when only 10.0.0.0/8 is allowed: 403 before anything else, nothing stored', async () => {
    const gw = await start(['10.0.0.0/8', '2001:db8::/32']);
    try {
      const push = callIn();
      expect(await send(gw.url, app, push.body)).toMatchObject({ status: 403, json: { error: 'FORBIDDEN' } });
      // Before the address, the method and the content type are looked at.
      expect((await send(gw.url, app, push.body, { path: '/webhooks/no-such-app', contentType: 'text/plain' })).status).toBe(403);
      expect((await fetch(`${gw.url}/webhooks/${app.name}`)).status).toBe(403);
      expect(await stored(gw.url, push.sessionId)).toBe(false);
    } finally {
      await gw.stop();
    }
  }, 60_000);

  it('a push from inside 127.0.0.0/8 is stored, also from an IPv4-mapped IPv6 peer of a dual-stack listener', async () => {
    const gw = await start(['127.0.0.0/8'], { HOST: '::' });
    try {
      // The gateway listens on ::; connecting to 127.0.0.1 makes the peer ::ffff:127.0.0.1.
      const v4 = `http://127.0.0.1:${new URL(gw.url).port}`;
      const push = callIn();
      expect((await send(v4, app, push.body)).status).toBe(200);
      expect(await stored(v4, push.sessionId)).toBe(true);
      // ::1 is in no allowed range.
      const v6 = callIn();
      expect((await send(`http://[::1]:${new URL(gw.url).port}`, app, v6.body)).status).toBe(403);
    } finally {
      await gw.stop();
    }
  }, 60_000);
});

describe('sandbox emulator and a path token', () => {
  let gateway: Gateway;
  let dir: { path: string; remove(): Promise<void> };
  afterEach(async () => {
    await gateway?.stop();
    await dir?.remove();
  });

  it('pushes to /webhooks/<app>/<token> when the configuration gives the app a token', async () => {
    dir = await createTempDir('pn-edge-sandbox-');
    const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dir.path });
    const config = { ...base, apps: base.apps.map((a) => (a.name === 'sandbox-axb' ? { ...a, webhookPathToken: PATH_TOKEN } : a)) };
    gateway = createGateway(config, { logger: silentLogger(), processMetrics: false, drainTimeoutMs: 5000 });
    const { url } = await gateway.start();
    const number = config.apps.find((a) => a.name === 'sandbox-axb')!.numbers[0].number;

    gateway.emulator!.pushNumberStatus({ number, status: '9' });
    const record = await gateway.emulator!.pushes.waitFor((r) => r.kind === 'numStatus' && (r.state === 'delivered' || r.state === 'gaveUp'), 15_000);
    expect(record.url).toBe(`${url}/webhooks/sandbox-axb/${PATH_TOKEN}`);
    expect(record.delivered).toBe(true);
    const { body } = await postGraphql(url, PrivacyNumberDocument, { number });
    expect(body.data?.privacyNumber?.status).toBe('SUSPENDED');
  }, 60_000);
});
