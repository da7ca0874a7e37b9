import { loadConfig, type AppConfig } from '../../../src/config';
import type { Db } from '../../../src/store/db';
import { signedHeaders } from '../../../src/platform/signing';
import { PrivacyNumberDocument } from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { captureLogger } from '../../helpers/capture-logger';
import { wrapDb, type WrappedDb } from '../../helpers/wrap-db';
import { createTempDir } from '../../helpers/temp-dir';

const post = (url: string, app: AppConfig, headers: Record<string, string>, body: unknown) =>
  fetch(`${url}/webhooks/${app.name}`, { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(body) });

async function countLog(db: Db, kind: string, number: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_log WHERE kind = $1 AND privacy_number = $2', [kind, number]);
  return rows[0].n;
}

describe('the nonce is claimed in the store transaction: a failed store leaves nothing behind', () => {
  it("503 on storing, then the platform's retry with the SAME signature: stored once, 200", async () => {
    let fault!: WrappedDb;
    const gw = await startTestGateway(
      { SANDBOX_WEBHOOK_AUTH: 'enforce' },
      { emulator: { simulator: { retrySameSignature: true, retryScheduleSeconds: [0.2, 0.5, 1] } }, wrapDb: (db) => (fault = wrapDb(db)).db },
    );
    try {
      const emulator = gw.gateway.emulator!;
      const number = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!.numbers[0].number;
      fault.failNext('INSERT INTO number_status_pushes');
      emulator.pushNumberStatus({ number, status: '9' });
      const record = await emulator.pushes.waitFor((r) => r.kind === 'numStatus' && r.state === 'delivered', 10_000);
      expect(fault.failures).toBe(1);
      expect(record.attempts.map((a) => a.status)).toEqual([503, 200]);
      expect(record.attempts[1].headers).toEqual(record.attempts[0].headers);
      const { body } = await postGraphql(gw.url, PrivacyNumberDocument, { number });
      expect(body.data?.privacyNumber?.status).toBe('SUSPENDED');
      expect(await countLog(fault.db, 'numberStatus', number)).toBe(1);
    } finally {
      await gw.stop();
    }
  });

  it('a value the database refuses (a data exception) is a dead letter answered 200, not a 503 the platform would retry for hours', async () => {
    let fault!: WrappedDb;
    const gw = await startTestGateway({ SANDBOX_WEBHOOK_AUTH: 'enforce' }, { wrapDb: (db) => (fault = wrapDb(db)).db });
    try {
      const app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
      const number = app.numbers[0].number;
      fault.failNext('INSERT INTO number_status_pushes', '22021');
      const headers = signedHeaders('aksk', app.appKey, app.appSecret);
      expect((await post(gw.url, app, headers, { eventType: 'numStatus', numInfo: [{ number, status: '10', cause: '3' }] })).status).toBe(200);
      expect(fault.failures).toBe(1);
      const { rows } = await fault.db.query<{ kind: string; error: string }>('SELECT kind, error FROM dead_letters WHERE app = $1', [app.name]);
      expect(rows).toEqual([{ kind: 'numberStatus', error: expect.stringContaining('refused by the database: 22021') }]);
      expect(await countLog(fault.db, 'numberStatus', number)).toBe(0);
      // Its nonce was claimed with the dead letter: the same push again changes nothing.
      expect((await post(gw.url, app, headers, { eventType: 'numStatus', numInfo: [{ number, status: '10', cause: '3' }] })).status).toBe(200);
      expect(await countLog(fault.db, 'numberStatus', number)).toBe(0);
    } finally {
      await gw.stop();
    }
  });

  it('log mode: a used nonce with another body is logged and the push stored', async () => {
    const capture = captureLogger('warn');
    const gw = await startTestGateway({ SANDBOX_WEBHOOK_AUTH: 'log' }, { logger: capture.logger });
    try {
      const app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
      const [x, y] = app.numbers.map((n) => n.number);
      const headers = signedHeaders('aksk', app.appKey, app.appSecret);
      expect((await post(gw.url, app, headers, { eventType: 'numStatus', numInfo: [{ number: x, status: '9' }] })).status).toBe(200);
      expect((await post(gw.url, app, headers, { eventType: 'numStatus', numInfo: [{ number: y ?? x, status: '11' }] })).status).toBe(200);
      expect(capture.text()).toContain('push nonce reused with another body');
      const { body } = await postGraphql(gw.url, PrivacyNumberDocument, { number: y ?? x });
      expect(body.data?.privacyNumber?.status).toBe('BINDING_FROZEN');
    } finally {
      await gw.stop();
    }
  });

  it('same nonce and body: 200 changing nothing, also after a restart; same nonce, other body: 401 (enforce)', async () => {
    const dir = await createTempDir('pn-nonce-restart-');
    const app = loadConfig({}).apps.find((a) => a.name === 'sandbox-axb')!;
    const number = app.numbers[0].number;
    const body = { eventType: 'numStatus', numInfo: [{ number, status: '11' }] };
    const headers = signedHeaders('aksk', app.appKey, app.appSecret);
    let fault!: WrappedDb;
    const start = () => startTestGateway({ SANDBOX_WEBHOOK_AUTH: 'enforce', DATA_DIR: dir.path }, { wrapDb: (db) => (fault = wrapDb(db)).db });
    let gw: TestGateway = await start();
    try {
      expect((await post(gw.url, app, headers, body)).status).toBe(200);
      expect((await post(gw.url, app, headers, body)).status).toBe(200);
      expect(await countLog(fault.db, 'numberStatus', number)).toBe(1);
      await gw.stop();
      gw = await start();
      expect((await post(gw.url, app, headers, body)).status).toBe(200);
      expect(await countLog(fault.db, 'numberStatus', number)).toBe(1);
      const other = { eventType: 'numStatus', numInfo: [{ number, status: '5' }] };
      expect((await post(gw.url, app, headers, other)).status).toBe(401);
      const { body: read } = await postGraphql(gw.url, PrivacyNumberDocument, { number });
      expect(read.data?.privacyNumber?.status).toBe('BINDING_FROZEN');
    } finally {
      await gw.stop();
      await dir.remove();
    }
  });
});
