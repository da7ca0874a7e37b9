import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildGateway, type GatewayBuild } from '../helpers/instances';
import { createTempDir } from '../helpers/temp-dir';
import { withTimeout } from '../helpers/with-timeout';

const root = join(__dirname, '..', '..');

let build: GatewayBuild;
// Built JavaScript, as `npm start` runs it: a loaded machine starts it in seconds, where ts-node took 20 s.
beforeAll(async () => {
  build = await buildGateway();
}, 120_000);
afterAll(() => build?.remove());

/** `node <build>/src/main.js` with only the given env (node_modules resolved from the project root). */
function startMain(env: Record<string, string>): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(build.dir, 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(root, 'node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

describe('process entry (src/main.ts)', () => {
  it('exits 1 with one message listing every configuration problem', async () => {
    const dir = await createTempDir();
    try {
      const file = join(dir.path, 'gateway.json');
      await writeFile(file, JSON.stringify({ platform: { baseUrl: 'not a url' }, apps: [{ name: 'x', mode: 'AB' }] }));
      const main = startMain({ GATEWAY_CONFIG: file, PORT: 'eighty', DATA_DIR: dir.path });
      expect(await withTimeout(main.exited, 20_000, 'main.ts to exit')).toBe(1);
      const { stdout, stderr } = main.output();
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^Invalid configuration:\n/);
      for (const part of ['PORT must be an integer', 'platform.baseUrl', 'apps[0].mode', 'apps[0].appKey', 'apps[0].appSecret', 'auth is required in production']) expect(stderr).toContain(part);
    } finally {
      await dir.remove();
    }
  });

  it('starts in sandbox mode, prints the banner, and stops cleanly on SIGTERM', async () => {
    const dir = await createTempDir();
    const main = startMain({ PORT: '0', DATA_DIR: dir.path, LOG_LEVEL: 'warn' });
    try {
      const url = await withTimeout(
        new Promise<string>((resolve) => {
          const check = () => {
            const m = /GraphiQL: +(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(main.output().stdout);
            if (m) resolve(m[1]);
          };
          main.child.stdout!.on('data', check);
        }),
        60_000,
        'the start-up banner',
      );
      const banner = main.output().stdout;
      expect(banner).toContain('Mode:      sandbox');
      for (const app of ['sandbox-ax ', 'sandbox-axb', 'sandbox-axe', 'sandbox-axyb']) expect(banner).toContain(app);
      expect(banner).not.toMatch(/secret/i);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      main.child.kill('SIGTERM');
      expect(await withTimeout(main.exited, 15_000, 'main.ts to stop')).toBe(0);
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
      await dir.remove();
    }
  }, 90_000);

  it('exits 1 with one line, not a stack trace, when another program holds PORT', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    const dir = await createTempDir();
    const main = startMain({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir.path, LOG_LEVEL: 'warn' });
    try {
      expect(await withTimeout(main.exited, 60_000, 'main.ts to exit')).toBe(1);
      const { stdout, stderr } = main.output();
      expect(stderr).toBe(`PORT ${port} is in use (another gateway or program listens there); set PORT to another port\n`);
      expect(stdout).toBe('');
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
      await new Promise((resolve) => holder.close(resolve));
      await dir.remove();
    }
  }, 90_000);

  it('LOG_FORMAT=pretty: readable log lines, then the banner in one piece after "gateway ready", app keys intact', async () => {
    const dir = await createTempDir();
    const main = startMain({ PORT: '0', DATA_DIR: dir.path, LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    try {
      await withTimeout(
        new Promise<void>((resolve) => {
          const check = () => /Apps:\n(.+\n){4}/.test(main.output().stdout) && resolve();
          main.child.stdout!.on('data', check);
        }),
        60_000,
        'the start-up banner',
      );
      const { stdout } = main.output();
      const ready = stdout.split('\n').find((l) => / gateway ready /.test(l));
      expect(ready).toMatch(/^INFO {2}\d{4}-\d\d-\d\dT[\d:.]+Z gateway ready url=http:\/\/127\.0\.0\.1:\d+ sandbox=true apps=/);
      expect(ready).toContain('"appKey":"sandboxAXAppKey00000000"');
      // Every line before the banner is a pretty log line, not JSON; the banner's lines follow the ready line together.
      const bannerAt = stdout.indexOf('PrivateNumber GraphQL gateway');
      expect(bannerAt).toBeGreaterThan(stdout.indexOf(ready!));
      for (const line of stdout.slice(0, bannerAt).trim().split('\n')) expect(line).toMatch(/^(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) /);
      const banner = stdout.slice(bannerAt).split('\n\n')[0];
      expect(banner).toMatch(/GraphiQL: .*\n {2}Mode: .*\n {2}Store: .*\n {2}Webhooks: .*\n {2}Auth: .*\n {2}Metrics: .*\n {2}Apps:\n/);
      for (const key of ['sandboxAXAppKey00000000', 'sandboxAXBAppKey00000000', 'sandboxAXEAppKey00000000', 'sandboxAXYBAppKey0000000']) expect(banner).toContain(`appKey ${key}`);
      main.child.kill('SIGTERM');
      expect(await withTimeout(main.exited, 15_000, 'main.ts to stop')).toBe(0);
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
      await dir.remove();
    }
  }, 90_000);
});
