import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from '../../../src/platform/wire';
import { signedClient } from '../../helpers/emulator-http';
import { firstLine, runEmulatorCli } from '../../helpers/emulator-process';

/** `npm run emulator` in source form: one JSON line on stdout when ready, logs on stderr, SIGTERM stops it. */
describe('emulator CLI', () => {
  // Created here, not in beforeAll: concurrent tests start before beforeAll hooks run.
  const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = runEmulatorCli;

  test.concurrent('sandbox seed: prints one JSON line, answers signed requests, stops on SIGTERM', async () => {
    const r = run(['--port', '0']);
    const ready = JSON.parse(await firstLine(r)) as { baseUrl: string; apps: { name: string; mode: string; appKey: string; appSecret: string; numbers: { number: string; cityCode: string }[] }[] };
    expect(ready.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Without --control there is no control endpoint: the path is an unknown platform URI.
    expect(ready).not.toHaveProperty('control');
    const control = await fetch(`${ready.baseUrl}/_control/calls`, { method: 'POST', body: JSON.stringify({ from: '+8613800000001', to: '+8617001000001' }) });
    expect(control.status).toBe(404);
    expect(await control.text()).not.toContain('sessionId');
    expect(ready.apps.map((a) => a.name)).toEqual(['sandbox-ax', 'sandbox-axb', 'sandbox-axe', 'sandbox-axyb']);
    const axb = ready.apps.find((a) => a.mode === 'AXB')!;
    expect(axb.numbers[0]).toEqual({ number: expect.stringMatching(/^\+86\d{11}$/), cityCode: '0755' });

    const bound = await signedClient(ready.baseUrl, axb).post(URI.axb, { callerNum: '+8613800000001', calleeNum: '+8613800000002', areaCode: '010' });
    expect(bound.json).toMatchObject({ resultcode: '0', relationNum: axb.numbers.find((n) => n.cityCode === '010')!.number });

    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.stdout().trim().split('\n')).toHaveLength(1);
    expect(r.stderr()).toContain('emulator listening');
  });

  test.concurrent('--seed file: its apps are served', async () => {
    const file = join(dir, 'seed.json');
    const seed = { timeScale: 0.5, apps: [{ name: 'shop', mode: 'AXE', appKey: 'shopKey', appSecret: 'shopSecret', extensionLength: 2, numbers: [{ number: '+8617099900001', cityCode: '0571' }] }] };
    writeFileSync(file, JSON.stringify(seed));
    const r = run(['--port', '0', '--seed', file, '--log-level', 'warn']);
    const ready = JSON.parse(await firstLine(r)) as { baseUrl: string; apps: unknown[] };
    expect(ready.apps).toEqual([{ name: 'shop', mode: 'AXE', appKey: 'shopKey', appSecret: 'shopSecret', numbers: seed.apps[0].numbers }]);
    const bound = await signedClient(ready.baseUrl, { appKey: 'shopKey', appSecret: 'shopSecret' }).post(URI.axe, { bindNum: '+8613800000001', areaCode: '0571' });
    expect(bound.json).toMatchObject({ resultcode: '0', extendNum: '01' });
    r.child.kill('SIGINT');
    // stderr rides along so a failed stop shows why.
    expect({ code: await r.exited, stderr: r.stderr() }).toEqual({ code: 0, stderr: expect.any(String) });
  });

  test.concurrent('a bad seed: stderr names the field, exit code 1, nothing on stdout', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ apps: [{ name: 'x', mode: 'AXZ', appKey: 'k', appSecret: 's', numbers: [{ number: '+8617000000001', cityCode: '755' }] }] }));
    const r = run(['--seed', file]);
    expect(await r.exited).toBe(1);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toContain('apps[0].mode');
    expect(r.stderr()).toContain('apps[0].numbers[0].cityCode');
  });
});
