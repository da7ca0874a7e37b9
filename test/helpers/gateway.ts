import { loadConfig, type Env } from '../../src/config';
import { createGateway, type Gateway, type GatewayOverrides } from '../../src/gateway';
import { silentLogger } from '../../src/shared/logger';
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
 * stop, so a second gateway can start on the same store (a restart).
 */
export async function startTestGateway(env: Env = {}, overrides: GatewayOverrides = {}): Promise<TestGateway> {
  const dir = env.DATA_DIR ? { path: env.DATA_DIR, remove: async () => undefined } : await createTempDir('pn-gateway-test-');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env, DATA_DIR: dir.path });
  const gateway = createGateway(config, { logger: silentLogger(), processMetrics: false, drainTimeoutMs: 5000, ...overrides });
  try {
    const { url } = await gateway.start();
    return { gateway, url, stop: async () => (await gateway.stop(), await dir.remove()) };
  } catch (err) {
    await gateway.stop().catch(() => undefined);
    await dir.remove();
    throw err;
  }
}
