import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmulatorSeed } from '../../../src/emulator/seed';
import { CallDocument, CallEventsDocument, CreateAxbBindingDocument } from '../../generated/graphql';
import { firstLine, runEmulatorCli, type EmulatorProcess } from '../../helpers/emulator-process';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { createWsClient, postGraphql } from '../../helpers/graphql-client';
import { freePort } from '../../helpers/services';
import { subscribe } from '../../helpers/subscription';
import { createTempDir } from '../../helpers/temp-dir';

const A = '+8613800000301';
const B = '+8613800000302';
/** No `push`: --push-to gives it `<gateway>/webhooks/rides`. timeScale 0.001: a 30 s call plays in 30 ms. */
const SEED: EmulatorSeed = {
  timeScale: 0.001,
  apps: [{ name: 'rides', mode: 'AXB', appKey: 'fictionalAppKey0301', appSecret: 'FictionalSecret0301', numbers: [{ number: '+8617000000301', cityCode: '0755' }] }],
};

/**
 * The emulator as its own process (`npm run emulator -- --push-to <gateway> --control`) in front of a
 * PRODUCTION-mode gateway with `webhookAuth: enforce`: a call started on the control endpoint arrives
 * through signed pushes and ends in the gateway. Order: a free port for the gateway, the emulator pushing
 * there, then the gateway with `platform.baseUrl` = the emulator.
 */
describe('emulator --push-to --control in front of a production gateway', () => {
  let emulator: EmulatorProcess | null = null;
  let gw: TestGateway | null = null;
  let dir: { path: string; remove(): Promise<void> } | null = null;
  let control = '';

  beforeAll(async () => {
    dir = await createTempDir('pn-push-to-');
    const seedFile = join(dir.path, 'seed.json');
    await writeFile(seedFile, JSON.stringify(SEED));
    const port = await freePort();
    emulator = runEmulatorCli(['--port', '0', '--seed', seedFile, '--push-to', `http://127.0.0.1:${port}`, '--control', '--log-level', 'warn']);
    const ready = JSON.parse(await firstLine(emulator)) as { baseUrl: string; control?: string };
    expect(ready.control).toBe(`${ready.baseUrl}/_control`);
    control = ready.control!;
    const configFile = join(dir.path, 'gateway.json');
    const apps = SEED.apps.map(({ name, mode, appKey, appSecret, numbers }) => ({ name, mode, appKey, appSecret, numbers, webhookAuth: 'enforce' }));
    await writeFile(configFile, JSON.stringify({ platform: { baseUrl: ready.baseUrl }, apps, auth: { allowAnonymous: true, anonymousRole: 'admin' } }));
    gw = await startTestGateway({ GATEWAY_CONFIG: configFile, PORT: String(port) });
    expect(gw.url).toBe(`http://127.0.0.1:${port}`);
  }, 60_000);

  afterAll(async () => {
    await gw?.stop();
    await emulator?.stop();
    await dir?.remove();
  });

  const post = async (path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  test('POST /_control/calls: the call reaches the gateway through signed pushes and ends there', async () => {
    const created = await postGraphql(gw!.url, CreateAxbBindingDocument, { input: { partyA: A, partyB: B, cityCode: '0755' } });
    expect(created.body.errors).toBeUndefined();
    const binding = created.body.data!.createAXBBinding;
    const ws = createWsClient(gw!.url);
    try {
      const events = subscribe(ws, CallEventsDocument, { filter: { bindingId: binding.id }, after: '0' });
      const started = await post('/calls', { from: A, to: binding.privacyNumber, talkSeconds: 45 });
      expect(started).toEqual({ status: 200, json: { sessionId: expect.any(String), app: 'rides' } });
      const sessionId = started.json.sessionId as string;
      const got = (await events.take(5, 15_000)).map((e) => e.callEvents);
      expect(got.map((e) => e.type)).toEqual(['CALL_IN', 'CALL_OUT', 'ALERTING', 'ANSWER', 'DISCONNECT']);
      expect(got.every((e) => e.sessionId === sessionId)).toBe(true);
      events.dispose();
      const call = (await postGraphql(gw!.url, CallDocument, { sessionId })).body;
      expect(call.errors).toBeUndefined();
      expect(call.data!.call).toMatchObject({ sessionId, state: 'ENDED', caller: A, callee: B, privacyNumber: binding.privacyNumber });
    } finally {
      await ws.dispose();
    }
  }, 30_000);

  test('bad input: 400 naming the field; unknown action 404; GET 405', async () => {
    expect(await post('/calls', { from: A, to: '+8617000000399' })).toEqual({ status: 400, json: { error: { field: 'to', message: expect.stringContaining('No app owns') } } });
    expect(await post('/calls', { from: 'nobody', to: SEED.apps[0].numbers[0].number })).toMatchObject({ status: 400, json: { error: { field: 'from' } } });
    expect(await post('/calls', { from: A, to: SEED.apps[0].numbers[0].number, talkSeconds: 7201 })).toMatchObject({ status: 400, json: { error: { field: 'talkSeconds' } } });
    expect(await post('/calls', { from: A, to: SEED.apps[0].numbers[0].number, answer: 'yes' })).toMatchObject({ status: 400, json: { error: { field: 'answer' } } });
    expect(await post('/sms', { from: A, to: SEED.apps[0].numbers[0].number, content: '' })).toMatchObject({ status: 400, json: { error: { field: 'content' } } });
    expect(await post('/number-status', { number: SEED.apps[0].numbers[0].number, status: 'BROKEN' })).toMatchObject({ status: 400, json: { error: { field: 'status' } } });
    expect(await post('/calls', [1])).toMatchObject({ status: 400, json: { error: { field: 'body' } } });
    expect((await post('/hangup', {})).status).toBe(404);
    expect((await fetch(`${control}/calls`)).status).toBe(405);
  });
});
