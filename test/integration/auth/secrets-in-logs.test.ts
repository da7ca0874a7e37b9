import { AppsDocument } from '../../generated/graphql';
import { captureLogger } from '../../helpers/capture-logger';
import { createWsClient, postGraphql, wsRequest } from '../../helpers/graphql-client';
import { type AuthGateway, keyHashes, startAuthGateway } from './fixture';

jest.setTimeout(60_000);

describe('credentials never reach a log', () => {
  const capture = captureLogger('debug');
  let gw: AuthGateway;
  beforeAll(async () => {
    gw = await startAuthGateway({}, { logger: capture.logger });
  }, 120_000);
  afterAll(() => gw?.stop());

  it('keys, tokens and key hashes appear in no log line, accepted or refused, on HTTP and WebSocket', async () => {
    const jwt = await gw.jwt({ pn_role: 'operator' });
    const forged = `${jwt.slice(0, -4)}AAAA`;
    const tokens = [gw.keys.viewer.token, gw.keys.admin.token, jwt, forged, `pnk_${'z'.repeat(43)}`];
    for (const token of tokens) {
      await postGraphql(gw.url, AppsDocument, {}, gw.bearer(token));
      await postGraphql(gw.url, 'mutation { importPrivacyNumbers(app: "sandbox-axb", numbers: ["+8617001000009"]) { number } }', undefined, gw.bearer(token));
      const client = createWsClient(gw.url, { connectionParams: gw.bearer(token) });
      await wsRequest(client, AppsDocument).catch(() => undefined);
      await client.dispose();
    }
    const text = capture.text();
    // The suite did log: refusals and operations with the principal's name.
    expect(text).toContain('viewer-all');
    for (const secret of [...tokens, ...keyHashes]) expect(text).not.toContain(secret);
  });
});
