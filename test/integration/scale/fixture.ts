import pg from 'pg';
import { startEmulator, type Emulator } from '../../../src/emulator/emulator';
import type { EmulatorSeed, SeedApp } from '../../../src/emulator/seed';
import { buildGateway, type GatewayBuild, type InstanceEnv, writeGatewayConfig } from '../../helpers/instances';
import { createPgTestSchema, type PgTestSchema } from '../../helpers/pg-schema';
import { fixture, push } from '../../helpers/push';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../helpers/services';
import { createTempDir } from '../../helpers/temp-dir';

/** The one app of the scale tests; pushes are signed and checked (webhookAuth enforce). */
export const APP: SeedApp = {
  name: 'scale',
  mode: 'AXB',
  appKey: 'scaleAppKey00000001',
  appSecret: 'ScaleAppSecret0001',
  numbers: [
    { number: '+8617000000001', cityCode: '0755' },
    { number: '+8617000000002', cityCode: '0755' },
  ],
};
export const SEED: EmulatorSeed = { apps: [APP] };

/** A callin push of its own session (sessions differ, so no two are duplicates). */
export function callIn(sessionId: string): Record<string, unknown> {
  const body = fixture('call-callin') as { statusInfo: Record<string, unknown> };
  body.statusInfo.sessionId = sessionId;
  return body;
}

/** A CDR batch with one answered record per session id (icid derived from it). */
export function cdrBatch(sessionIds: readonly string[]): Record<string, unknown> {
  const template = (fixture('cdr-axb-answered') as { feeLst: Record<string, unknown>[] }).feeLst[0];
  return { eventType: 'fee', feeLst: sessionIds.map((sessionId) => ({ ...template, sessionId, icid: `icid-${sessionId}` })) };
}

/**
 * The platform's rule for a push: send it again until it gets a 200 (here without the platform's long
 * waits, bounded by `deadlineMs`). `target` is asked each attempt, so a restarted instance is found.
 */
export async function pushUntilOk(target: () => string, body: unknown, deadlineMs: number, pauseMs = 50, app: SeedApp = APP): Promise<{ attempts: number }> {
  const deadline = Date.now() + deadlineMs;
  for (let attempts = 1; ; attempts++) {
    const status = await push(target(), app, body).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { attempts };
    if (Date.now() > deadline) throw new Error(`push not accepted within ${deadlineMs} ms (last status ${status}, ${attempts} attempts)`);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** What every scale test needs: a build, a PostgreSQL schema, the emulator as platform, a config file. */
export interface ScaleSetup {
  build: GatewayBuild;
  schema: PgTestSchema;
  emulator: Emulator;
  /** Environment of an instance on this setup's store and the given Redis (default: the shared one, own prefix). */
  env(redisUrl?: string, port?: number): InstanceEnv;
  /** Runs one SQL query in the schema. */
  sql<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

export async function setUpScale(platform: Record<string, number> = { maxRetries: 0 }): Promise<ScaleSetup> {
  const [build, schema, emulator, dir] = await Promise.all([buildGateway(), createPgTestSchema(), startEmulator({ seed: SEED }), createTempDir('pn-scale-')]);
  const configFile = await writeGatewayConfig(dir.path, SEED, emulator.baseUrl, platform);
  const prefix = uniqueRedisPrefix();
  const pool = new pg.Pool({ connectionString: schema.url, max: 2 });
  return {
    build,
    schema,
    emulator,
    env: (redisUrl = TEST_REDIS_URL, port = 0) => ({ GATEWAY_CONFIG: configFile, DATABASE_URL: schema.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, PORT: String(port) }),
    sql: async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await pool.query<T>(text, params)).rows,
    dispose: async () => {
      await pool.end();
      await Promise.all([emulator.stop(), schema.drop(), build.remove(), dir.remove()]);
    },
  };
}
