import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, parseCliArgs, readSeedFile } from '../../../src/emulator/cli';
import { sandboxSeed } from '../../../src/emulator/seed';
import { assertSeed, assertSeedNumbers, SeedError } from '../../../src/emulator/seed-validation';
import { DEFAULT_NUMBER_PATTERN } from '../../../src/emulator/emulator-config';

function problems(value: unknown): readonly string[] {
  try {
    assertSeed(value);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    return (err as SeedError).problems;
  }
}

describe('seed validation', () => {
  test('the sandbox seed is valid: four apps, four cities, 11-digit mobile-format numbers', () => {
    const seed = sandboxSeed();
    expect(problems(seed)).toEqual([]);
    expect(seed.apps.map((a) => a.name)).toEqual(['sandbox-ax', 'sandbox-axb', 'sandbox-axe', 'sandbox-axyb']);
    expect(new Set(seed.apps[0].numbers.map((n) => n.cityCode))).toEqual(new Set(['0755', '010', '021', '020']));
    for (const app of seed.apps) for (const n of app.numbers) expect(n.number).toMatch(/^\+86\d{11}$/);
  });

  test('every problem is listed at once, each with its path', () => {
    expect(
      problems({
        timeScale: 0,
        apps: [
          { name: 'a', mode: 'AX', appKey: 'k', appSecret: 's', numbers: [{ number: '+8617000000001', cityCode: '0755' }] },
          { name: 'a', mode: 'AXB', appKey: 'k', appSecret: '', extensionLength: 5, numbers: [{ number: '+8617000000001', cityCode: '0755' }], push: { default: 'ftp://x', nope: 'http://x' } },
        ],
      }),
    ).toEqual([
      'timeScale: expected a positive number',
      'apps[1].name: "a" is used by another app',
      'apps[1].appKey: "k" is used by another app',
      'apps[1].appSecret: expected a non-empty string',
      'apps[1].extensionLength: expected an integer 1-4',
      'apps[1].numbers[0].number: +8617000000001 appears twice',
      'apps[1].push.default: expected an http(s) URL',
      'apps[1].push.nope: unknown push kind (expected default, callStatus, fee, smsNotify, smsBlock, numStatus)',
    ]);
    expect(problems([])).toEqual(['seed: expected a JSON object']);
    expect(problems({ apps: [] })).toEqual(['apps: expected a non-empty array']);
  });

  test('pushScheme is aksk or wsse; spId has 1-32 characters', () => {
    const app = { name: 'a', mode: 'AX', appKey: 'k', appSecret: 's', numbers: [] };
    expect(problems({ apps: [{ ...app, pushScheme: 'wsse', spId: 'sp_demo_account' }] })).toEqual([]);
    expect(problems({ apps: [{ ...app, pushScheme: 'md5', spId: 'x'.repeat(33) }] })).toEqual([
      'apps[0].pushScheme: expected "aksk" or "wsse"',
      'apps[0].spId: expected a string of 1-32 characters',
    ]);
  });

  test('numbers added at run time may have an unknown city but not a bad number', () => {
    expect(() => assertSeedNumbers([{ number: '+8617000000001', cityCode: '' }], 'x', DEFAULT_NUMBER_PATTERN)).not.toThrow();
    expect(() => assertSeedNumbers([{ number: '17000000001', cityCode: '010' }], 'x', DEFAULT_NUMBER_PATTERN)).toThrow('x[0].number');
  });
});

describe('emulator CLI arguments and seed file', () => {
  test('arguments: port, host, seed, log level', () => {
    expect(parseCliArgs(['--port', '8081', '--host', '0.0.0.0', '--seed', 's.json'])).toEqual({ port: 8081, host: '0.0.0.0', seedFile: 's.json', stateFile: undefined, pushTo: undefined, control: false, logLevel: 'info' });
    expect(parseCliArgs([])).toEqual({ port: 0, host: '127.0.0.1', seedFile: undefined, stateFile: undefined, pushTo: undefined, control: false, logLevel: 'info' });
    expect(() => parseCliArgs(['--port', 'http'])).toThrow(CliError);
    expect(() => parseCliArgs(['--log-level', 'loud'])).toThrow(CliError);
    expect(parseCliArgs(['--state-file', 'state.json']).stateFile).toBe('state.json');
    expect(() => parseCliArgs(['--bogus'])).toThrow();
  });

  test('seed file errors name the file or the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
    try {
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{ apps: ');
      expect(() => readSeedFile(broken)).toThrow(/broken\.json is not valid JSON/);
      expect(() => readSeedFile(join(dir, 'missing.json'))).toThrow(/cannot read/);
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ apps: [{ name: 'x', mode: 'AX', appKey: 'k', appSecret: 's', numbers: 'none' }] }));
      expect(() => readSeedFile(bad)).toThrow('apps[0].numbers: expected an array');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
