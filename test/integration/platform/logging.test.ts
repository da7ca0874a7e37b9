import { Writable } from 'node:stream';
import { createLogger } from '../../../src/shared/logger';
import { refusal, startScriptedPlatform, type ScriptedPlatform } from '../../helpers/scripted-platform';
import { createTestClient, TEST_APP } from '../../helpers/test-platform-client';

/** One debug line per attempt: interface, method, uri, status, resultcode, duration; no secrets, no numbers. */
describe('platform client logging', () => {
  let platform: ScriptedPlatform;

  beforeAll(async () => {
    platform = await startScriptedPlatform(() => refusal(403, '1010002', 'Invalid request. callerNum +8613800000001'));
  });
  afterAll(() => platform.stop());

  test('logs each attempt at debug without the token, the secret or a full phone number', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const t = createTestClient(platform.baseUrl, { logger: createLogger('debug', sink), maxRetries: 0 });
    await t.client.app(TEST_APP).axb.query({ relationNum: '+8617000000001', callerNum: '+8613800000001' }).catch(() => undefined);
    await t.client.close();
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 20,
      interface: 'AXB-4 query',
      method: 'GET',
      uri: '/rest/caas/relationnumber/partners/v1.0',
      status: 403,
      resultcode: '1010002',
      attempt: 0,
    });
    expect(typeof entry.durationMs).toBe('number');
    const text = lines.join('\n');
    expect(text).not.toContain(TEST_APP.appSecret);
    expect(text).not.toMatch(/x-aksk|PasswordDigest|Nonce/i);
    expect(text).not.toContain('8613800000001');
    expect(text).not.toContain('8617000000001');
  });
});
