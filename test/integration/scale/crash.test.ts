import { type Instance, startInstance } from '../../helpers/instances';
import { freePort } from '../../helpers/services';
import { cdrBatch, pushUntilOk, type ScaleSetup, setUpScale } from './fixture';

const ROUNDS = 20;
const PUSHERS = 3;

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be replayed with the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('kill -9 while CDR batches are pushed', () => {
  let setup: ScaleSetup;
  let current: Instance | null = null;

  beforeAll(async () => {
    setup = await setUpScale();
  }, 60_000);
  afterAll(async () => {
    await current?.kill();
    await setup?.dispose();
  });

  it(`${ROUNDS} times in a row: every acknowledged batch is on disk after the kill, and every record sent is stored exactly once`, async () => {
    const seed = Date.now() % 100_000;
    const rand = random(seed);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sent: string[] = [];
    const acknowledged = new Set<string>();
    let batches = 0;
    let repushed = 0;
    let producing = true;

    // The platform: each pusher sends batch after batch, each one again until it gets a 200.
    const pusher = async (): Promise<void> => {
      while (producing) {
        const id = batches++;
        const sessions = Array.from({ length: 1 + Math.floor(rand() * 20) }, (_, i) => `crash-${seed}-${id}-${i}@scale.example`);
        sent.push(...sessions);
        const { attempts } = await pushUntilOk(() => url, cdrBatch(sessions), 60_000, 20);
        if (attempts > 1) repushed++;
        for (const s of sessions) acknowledged.add(s);
      }
    };
    const stored = async (): Promise<Set<string>> => new Set((await setup.sql<{ session_id: string }>('SELECT session_id FROM call_records')).map((r) => r.session_id));

    current = await startInstance(setup.build, setup.env(undefined, port));
    const pushers = Array.from({ length: PUSHERS }, () => pusher());
    for (let round = 1; round <= ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, 100 + Math.floor(rand() * 500)));
      const ackedBeforeKill = [...acknowledged];
      await current.kill();
      current = null;
      const onDisk = await stored();
      const lost = ackedBeforeKill.filter((s) => !onDisk.has(s));
      expect({ round, seed, lost }).toEqual({ round, seed, lost: [] });
      current = await startInstance(setup.build, setup.env(undefined, port));
    }
    producing = false;
    await Promise.all(pushers);

    const rows = await setup.sql<{ session_id: string }>('SELECT session_id FROM call_records');
    expect(rows.length).toBe(sent.length);
    expect(new Set(rows.map((r) => r.session_id))).toEqual(new Set(sent));
    const [log] = await setup.sql<{ n: number; distinct: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT session_id)::int AS distinct FROM event_log WHERE kind = 'callRecord'",
    );
    expect(log).toEqual({ n: sent.length, distinct: sent.length });
    // The kills did interrupt pushes: some batches needed more than one attempt.
    expect(repushed).toBeGreaterThan(0);
  }, 150_000);
});
