import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/shared/logger';
import { assertLogsClean, auditLogText, configuredSecrets } from '../../log-audit';

/** The suite-wide log audit must be able to fail: planted leaks are found, masked lines pass. */
describe('the log audit of the global teardown', () => {
  const secrets = configuredSecrets();
  const line = (o: Record<string, unknown>) => JSON.stringify({ level: 30, time: 1733000000000, ...o });

  it('knows the sandbox seed secrets and those of the test configs', () => {
    expect(secrets).toEqual(expect.arrayContaining(['sandboxAXBSecret000000'.slice(0, 22), 'FictionalSecret0001']));
  });

  it('finds an unmasked party number in a message, a field, a nested value or a non-JSON line', () => {
    for (const planted of [line({ msg: 'calling +8613800000001' }), line({ caller: '8613800000001' }), line({ a: { b: [{ c: 'x 13800000001234 y' }] } }), 'plain text +8613800000001']) {
      expect(auditLogText(planted, secrets)).toHaveLength(1);
    }
  });

  it('finds an app secret', () => {
    expect(auditLogText(line({ msg: 'signing with FictionalSecret0001' }), secrets)[0].reason).toMatch(/app secret/);
  });

  it('passes masked numbers, opaque ids, pino time and sandbox X numbers', () => {
    const clean = [
      line({ msg: 'calling +86138****0001', sessionId: '1733000000000-123456789012', icid: 'ab12345678901234' }),
      line({ privacyNumber: '+8617001000001' }),
    ].join('\n');
    expect(auditLogText(clean, secrets)).toEqual([]);
  });

  it('passes what the real logger writes about a party, and fails the run on a planted line without printing the number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pn-audit-test-'));
    try {
      const file = join(dir, 'audit.ndjson');
      const out: string[] = [];
      const logger = createLogger('debug', new Writable({ write: (c, _e, cb) => (out.push(String(c)), cb()) }));
      logger.info({ caller: '+8613800000001', err: new Error('for 8613800000002') }, 'call from %s', '+8613800000003');
      writeFileSync(file, out.join(''));
      expect(() => assertLogsClean(file, secrets)).not.toThrow();

      writeFileSync(file, `${out.join('')}${line({ msg: 'leak +8613800000004' })}\n`);
      let message = '';
      try {
        assertLogsClean(file, secrets);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/log audit: 1 log line/);
      expect(message).toContain('+86138****0004');
      expect(message).not.toContain('13800000004');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
