import { sandboxSeed } from '../../../src/emulator/seed';
import { CallRecordsDocument } from '../../generated/graphql';
import { createWsClient } from '../../helpers/graphql-client';
import { buildGateway, type GatewayBuild, type Instance, startInstance } from '../../helpers/instances';
import { freePort } from '../../helpers/services';
import { subscribe } from '../../helpers/subscription';
import { createTempDir } from '../../helpers/temp-dir';
import { cdrBatch, pushUntilOk } from './fixture';

const ROUNDS = 10;
const PUSHERS = 2;
const app = sandboxSeed().apps.find((a) => a.name === 'sandbox-axb')!;

/**
 * The embedded store (PGlite) killed with SIGKILL while the platform pushes CDR batches, restarted on the
 * same DATA_DIR (its lock taken over as stale) each time: every batch answered 200 is there afterwards, and
 * every record is stored (and in the event log) exactly once.
 */
describe('kill -9 of a sandbox on PGlite while CDR batches are pushed', () => {
  let build: GatewayBuild;
  let dir: Awaited<ReturnType<typeof createTempDir>>;
  let current: Instance | null = null;
  beforeAll(async () => {
    [build, dir] = await Promise.all([buildGateway(), createTempDir('pn-crash-pglite-')]);
  }, 120_000);
  afterAll(async () => {
    await current?.kill();
    await Promise.all([build?.remove(), dir?.remove()]);
  });

  it(`${ROUNDS} times in a row: no acknowledged batch lost, no record stored twice`, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dir.path, PORT: String(port), SANDBOX_WEBHOOK_AUTH: 'enforce' };
    const sent: string[] = [];
    const acknowledged: string[] = [];
    let batches = 0;
    let producing = true;
    const pusher = async (): Promise<void> => {
      while (producing) {
        const id = batches++;
        const sessions = Array.from({ length: 1 + (id % 7) }, (_, i) => `pglite-crash-${id}-${i}@scale.example`);
        sent.push(...sessions);
        await pushUntilOk(() => url, cdrBatch(sessions), 90_000, 25, app);
        acknowledged.push(...sessions);
      }
    };

    current = await startInstance(build, env);
    const pushers = Array.from({ length: PUSHERS }, () => pusher());
    for (let round = 1; round <= ROUNDS; round++) {
      const before = acknowledged.length;
      // Kill only once this round has had pushes acknowledged, so every kill can lose something.
      while (acknowledged.length === before) await new Promise((r) => setTimeout(r, 20));
      await current.kill();
      current = await startInstance(build, env);
    }
    producing = false;
    await Promise.all(pushers);
    expect(new Set(acknowledged)).toEqual(new Set(sent));

    // Replayed from the start of the log: every record once, then the marker batch pushed last.
    const marker = 'pglite-crash-marker@scale.example';
    const ws = createWsClient(current.url);
    try {
      const records = subscribe(ws, CallRecordsDocument, { after: '0' });
      await pushUntilOk(() => url, cdrBatch([marker]), 30_000, 25, app);
      const delivered = (await records.take(sent.length + 1, 60_000)).map((r) => r.callRecords.sessionId);
      records.dispose();
      expect(delivered[sent.length]).toBe(marker);
      expect(delivered.slice(0, sent.length).sort()).toEqual([...sent].sort());
    } finally {
      await ws.dispose();
    }
  }, 240_000);
});
