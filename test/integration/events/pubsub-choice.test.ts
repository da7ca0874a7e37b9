import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildGateway, type GatewayBuild } from '../../helpers/instances';
import { TEST_REDIS_URL } from '../../helpers/services';
import { createTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/**
 * Run in a fresh process, because jest's module registry is not Node's: starts and stops a gateway in the
 * default configuration, then opens the pub/sub with REDIS_URL, and reports whether ioredis was loaded.
 */
const SCRIPT = `
require('reflect-metadata');
const [build, dataDir, redisUrl] = process.argv.slice(1);
const { loadConfig } = require(build + '/src/config.js');
const { createGateway } = require(build + '/src/gateway.js');
const { openPubSub } = require(build + '/src/events/open-pubsub.js');
const { silentLogger } = require(build + '/src/shared/logger.js');
const ioredisLoaded = () => Object.keys(require.cache).some((k) => k.includes('/node_modules/ioredis/'));
(async () => {
  const gateway = createGateway(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: silentLogger(), processMetrics: false });
  await gateway.start();
  const embedded = ioredisLoaded();
  await gateway.stop();
  const pubsub = await openPubSub({ redisUrl, redisPrefix: 'pn-test:choice:' }, silentLogger());
  const withRedis = ioredisLoaded();
  const healthy = pubsub.healthy;
  await pubsub.dispose();
  process.stdout.write(JSON.stringify({ embedded, withRedis, healthy }));
})().catch((err) => { console.error(err); process.exit(1); });
`;

describe('choosing the pub/sub by configuration', () => {
  let build: GatewayBuild;
  beforeAll(async () => {
    build = await buildGateway();
  });
  afterAll(async () => {
    await build?.remove();
  });

  it('a single process without REDIS_URL never loads a Redis client; with REDIS_URL it does and connects', async () => {
    const dir = await createTempDir('pn-choice-');
    try {
      const { stdout } = await run(process.execPath, ['-e', SCRIPT, build.dir, dir.path, TEST_REDIS_URL], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', NODE_PATH: join(root, 'node_modules') },
        timeout: 30_000,
      });
      expect(JSON.parse(stdout)).toEqual({ embedded: false, withRedis: true, healthy: true });
    } finally {
      await dir.remove();
    }
  });
});
