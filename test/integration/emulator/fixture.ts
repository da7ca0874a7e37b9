import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/emulator';
import type { EmulatorSeed, SeedApp, SeedMode } from '../../../src/emulator/seed';
import { signedClient, type SignedClient } from '../../helpers/emulator-http';

/** 2024-01-01T10:00:00Z: where every manual clock starts. */
export const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);

export interface ManualClock {
  now(): number;
  advanceSeconds(seconds: number): void;
}

export function manualClock(start = T0): ManualClock {
  let t = start;
  return { now: () => t, advanceSeconds: (s) => void (t += s * 1000) };
}

const app = (name: string, mode: SeedMode, prefix: string, extra: Partial<SeedApp> = {}): SeedApp => ({
  name,
  mode,
  appKey: `${name}-key`,
  appSecret: `${name}-secret`,
  numbers: [
    { number: `+86${prefix}00001`, cityCode: '0755' },
    { number: `+86${prefix}00002`, cityCode: '0755' },
    { number: `+86${prefix}00003`, cityCode: '020' },
    { number: `+86${prefix}00004`, cityCode: '010' },
  ],
  ...extra,
});

/**
 * Five small apps, four numbers each: two in Shenzhen (0755), one in Guangzhou (020, same province), one in
 * Beijing (010). Numbers are fictional.
 */
export function testSeed(): EmulatorSeed {
  return {
    timeScale: 1,
    apps: [
      app('t-ax', 'AX', '170100'),
      app('t-axb', 'AXB', '170200'),
      app('t-axe', 'AXE', '170300'),
      app('t-axe1', 'AXE', '170400', { extensionLength: 1 }),
      app('t-axyb', 'AXYB', '170500'),
    ],
  };
}

export interface TestEmulator {
  emulator: Emulator;
  clock: ManualClock;
  seed: EmulatorSeed;
  /** A signed client for the app called `name`, on the manual clock. */
  client(name: string): SignedClient;
  /** X numbers of the app, in seed order. */
  numbers(name: string): string[];
}

export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const clock = manualClock();
  const seed = options.seed ?? testSeed();
  const emulator = await startEmulator({ now: clock.now, ...options, seed });
  const find = (name: string): SeedApp => seed.apps.find((a) => a.name === name) ?? raise(`no app ${name}`);
  return {
    emulator,
    clock,
    seed,
    client: (name) => signedClient(emulator.baseUrl, find(name), clock.now),
    numbers: (name) => find(name).numbers.map((n) => n.number),
  };
}

function raise(message: string): never {
  throw new Error(message);
}
