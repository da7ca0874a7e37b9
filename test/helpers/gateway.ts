import { writeFile } from 'node:fs/promises';
import type { Client } from 'graphql-ws';
import { join } from 'node:path';
import { loadConfig, type Env } from '../../src/config';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/emulator';
import type { EmulatorSeed } from '../../src/emulator/seed';
import { createGateway, type Gateway, type GatewayOverrides } from '../../src/gateway';
import { silentLogger } from '../../src/shared/logger';
import { createWsClient } from './graphql-client';
import { servicesEnvFor } from './services-env';
import { createTempDir } from './temp-dir';

export interface TestGateway {
  gateway: Gateway;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops the gateway and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * The real gateway, in process, on a free loopback port with a fresh DATA_DIR. Sandbox mode (embedded
 * emulator) unless `env` says otherwise. When `env.DATA_DIR` is given, that directory is used and kept on
 * stop, so a second gateway can start on the same store (a restart). With TEST_SERVICES=1 the store is a
 * fresh PostgreSQL schema and the fan-out Redis (services-env.ts) unless `env` names its own DATABASE_URL.
 */
export async function startTestGateway(env: Env = {}, overrides: GatewayOverrides = {}): Promise<TestGateway> {
  const dir = env.DATA_DIR ? { path: env.DATA_DIR, remove: async () => undefined } : await createTempDir('pn-gateway-test-');
  const services = await servicesEnvFor(env, dir.path, Boolean(env.DATA_DIR));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...services.env, ...env, DATA_DIR: dir.path });
  const gateway = createGateway(config, { logger: silentLogger(), processMetrics: false, drainTimeoutMs: 5000, ...overrides });
  try {
    const { url } = await gateway.start();
    return { gateway, url, stop: async () => (await gateway.stop(), await services.release(), await dir.remove()) };
  } catch (err) {
    await gateway.stop().catch(() => undefined);
    await services.release();
    await dir.remove();
    throw err;
  }
}

/** How long a gateway may take to start in a `beforeAll`: a cold store and migration on a machine with every core busy. */
export const START_TIMEOUT_MS = 120_000;

/**
 * One gateway (`startTestGateway(env, overrides)`) and a lazy graphql-ws client of it, shared by the tests of the
 * enclosing `describe`: started before them, client then gateway stopped after them. Read `gw` and `ws` inside
 * tests and hooks, not while the block is being declared.
 */
export function gatewayWithClient(env: Env = {}, overrides: GatewayOverrides = {}): { readonly gw: TestGateway; readonly ws: Client } {
  let gw: TestGateway | undefined;
  let ws: Client | undefined;
  beforeAll(async () => {
    gw = await startTestGateway(env, overrides);
    ws = createWsClient(gw.url);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await ws?.dispose();
    await gw?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the gateway is not started: read it inside a test or hook');
    return value;
  };
  return {
    get gw() {
      return started(gw);
    },
    get ws() {
      return started(ws);
    },
  };
}

/** Production rates (100 operations/s per client) would refuse a suite firing requests back to back; a test of the limits sets its own `limits`. */
const TEST_RATES = { clientOperationsPerSecond: 10_000, socketMessagesPerSecond: 10_000 };

export interface GatewayOnEmulator extends TestGateway {
  /** The standalone emulator playing the platform; stopped with the gateway. */
  emulator: Emulator;
  /** The GATEWAY_CONFIG file, to start another gateway against the same emulator. */
  configFile: string;
}

/**
 * The real gateway in production mode (GATEWAY_CONFIG) against a standalone emulator seeded with `seed`, so
 * a test can choose the apps (several of one mode) and the platform settings (`maxRetries`, `timeoutMs`,
 * `flowControlWaitMs`, ...) that the sandbox fixes. The apps of the config are the seed's.
 */
export async function startGatewayOnEmulator(
  seed: EmulatorSeed,
  platform: Record<string, number> = {},
  env: Env = {},
  emulatorOptions: Partial<Omit<EmulatorOptions, 'seed'>> = {},
  /** More top-level sections of the GATEWAY_CONFIG file (auth, cors, limits, ...), merged over the defaults. */
  configSections: Record<string, unknown> = {},
  options: {
    /** More fields of an app's entry in the config file, by app name (webhookAuth, webhookPathToken, ...). */
    appExtras?: Record<string, Record<string, unknown>>;
    /** Hooks for the gateway, e.g. a capturing logger. */
    overrides?: GatewayOverrides;
  } = {},
): Promise<GatewayOnEmulator> {
  const emulator = await startEmulator({ ...emulatorOptions, seed });
  const dir = await createTempDir('pn-gateway-config-');
  const configFile = join(dir.path, 'gateway.json');
  const apps = seed.apps.map((a) => ({ name: a.name, mode: a.mode, appKey: a.appKey, appSecret: a.appSecret, numbers: a.numbers, ...options.appExtras?.[a.name] }));
  await writeFile(configFile, JSON.stringify({ platform: { baseUrl: emulator.baseUrl, ...platform }, apps, auth: { allowAnonymous: true }, limits: TEST_RATES, ...configSections }));
  try {
    const gw = await startTestGateway({ GATEWAY_CONFIG: configFile, ...env }, options.overrides);
    return { ...gw, emulator, configFile, stop: async () => (await gw.stop(), await emulator.stop(), await dir.remove()) };
  } catch (err) {
    await emulator.stop();
    await dir.remove();
    throw err;
  }
}
