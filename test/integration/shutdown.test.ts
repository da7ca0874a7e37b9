import { AppsDocument } from '../generated/graphql';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { createWsClient, wsRequest } from '../helpers/graphql-client';
import { withTimeout } from '../helpers/with-timeout';

describe('graceful stop', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.stop();
  });

  it('closes WebSockets with 1001, refuses new connections, lets in-flight requests finish, then stops everything', async () => {
    let entered!: () => void;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    gw = await startTestGateway(
      {},
      {
        wrapWebhook: () => async () => {
          entered();
          await released;
          return { status: 200, body: '{"stored":true}' };
        },
      },
    );
    const { gateway, url } = gw;
    const emulatorUrl = gateway.emulator!.baseUrl;

    let closeCode: number | undefined;
    const closed = new Promise<void>((resolve) => {
      createWsClient(url, {
        lazy: false,
        onClosed: (event) => {
          closeCode = (event as { code: number }).code;
          resolve();
        },
      });
    });
    const client = createWsClient(url, { lazy: false });
    try {
      expect((await wsRequest(client, AppsDocument)).data?.apps).toHaveLength(4);

      const inFlight = fetch(`${url}/webhooks/sandbox-axb`, { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8' }, body: '{}' });
      await withTimeout(handlerEntered, 5000, 'the webhook handler');

      let stopped = false;
      const stopping = gateway.stop().then(() => {
        stopped = true;
      });
      await withTimeout(closed, 5000, 'the WebSocket close');
      expect(closeCode).toBe(1001);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      expect(stopped).toBe(false);

      release();
      const response = await withTimeout(inFlight, 5000, 'the in-flight response');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ stored: true });
      await withTimeout(stopping, 10_000, 'stop()');

      expect(gateway.emulator).toBeNull();
      await expect(fetch(`${emulatorUrl}/`)).rejects.toThrow();
    } finally {
      release();
      await client.dispose();
    }
  });
});
