import { PlatformError } from '../../../src/platform';
import { refusal, startScriptedPlatform, type Reply, type ScriptedPlatform } from '../../helpers/scripted-platform';
import { createTestClient, TEST_APP, type TestClient } from '../../helpers/test-platform-client';

const FILE = { fileName: '1200_366_0_20161228102743.wav', recordDomain: 'record.example.invalid' };

/** REC-1: success is a 301 whose Location is the answer; following it would download the audio. */
describe('recording download URL', () => {
  let platform: ScriptedPlatform;
  let t: TestClient;
  let next: () => Reply;

  beforeAll(async () => {
    platform = await startScriptedPlatform((req) =>
      req.path.startsWith('/download/') ? { kind: 'answer', status: 200, headers: { 'content-type': 'audio/wav' }, body: 'RIFF' } : next(),
    );
  });
  beforeEach(() => {
    platform.requests.length = 0;
    t = createTestClient(platform.baseUrl, { maxRetries: 0 });
  });
  afterEach(() => t.client.close());
  afterAll(() => platform.stop());

  test('301: returns Location and an expiry 3 days from now, without following the redirect', async () => {
    const location = `${platform.baseUrl}/download/1200_366_0_20161228102743.wav?token=FICTIONAL`;
    next = () => ({ kind: 'answer', status: 301, headers: { location }, body: '' });
    const result = await t.client.app(TEST_APP).recordings.downloadUrl(FILE);
    expect(result).toEqual({ url: location, expiresAt: new Date('2024-01-04T10:00:01Z') });
    expect(platform.requests).toHaveLength(1);
    expect(platform.requests[0]).toMatchObject({
      method: 'GET',
      path: '/rest/provision/voice/record/v1.0',
      rawQuery: 'fileName=1200_366_0_20161228102743.wav&recordDomain=record.example.invalid',
    });
  });

  test('an error envelope becomes a PlatformError', async () => {
    next = () => refusal(403, '1012007', 'The record does not exist.');
    const err = await t.client.app(TEST_APP).recordings.downloadUrl(FILE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ kind: 'rejected', httpStatus: 403, resultcode: '1012007', interfaceName: 'REC-1 recording URL' });
  });

  test('a redirect without Location is a bad response', async () => {
    next = () => ({ kind: 'answer', status: 301, body: '' });
    await expect(t.client.app(TEST_APP).recordings.downloadUrl(FILE)).rejects.toMatchObject({ kind: 'bad-response', httpStatus: 301 });
  });
});
