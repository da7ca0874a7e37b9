import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from '../../../src/platform/wire';
import { signedClient } from '../../helpers/emulator-http';

/** `npm run emulator` in source form: one JSON line on stdout when ready, logs on stderr, SIGTERM stops it. */
describe('emulator CLI', () => {
  const root = join(__dirname, '../../..');
  // Created here, not in beforeAll: concurrent tests start before beforeAll hooks run.
  const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface Run {
    child: ChildProcessWithoutNullStreams;
    stdout: () => string;
    stderr: () => string;
    exited: Promise<number | null>;
  }

  function run(args: string[]): Run {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/emulator/cli.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c.toString()));
    child.stderr.on('data', (c) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
  }

  function firstLine(r: Run): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const i = r.stdout().indexOf('\n');
        if (i >= 0) resolve(r.stdout().slice(0, i));
      };
      r.child.stdout.on('data', check);
      void r.exited.then((code) => reject(new Error(`exited with ${code}: ${r.stderr()}`)));
    });
  }

  test.concurrent('sandbox seed: prints one JSON line, answers signed requests, stops on SIGTERM', async () => {
    const r = run(['--port', '0']);
    const ready = JSON.parse(await firstLine(r)) as { baseUrl: string; apps: { name: string; mode: string; appKey: string; appSecret: string; numbers: { number: string; cityCode: string }[] }[] };
    expect(ready.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
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
    expect(await r.exited).toBe(0);
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
