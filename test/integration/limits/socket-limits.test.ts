import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient, wsRequest } from '../../helpers/graphql-client';
import { withTimeout } from '../../helpers/with-timeout';
import { errorsOf, SEED } from './fixture';

const LIMITS = { maxSocketsPerClient: 2, maxOperationsPerSocket: 2, connectionInitTimeoutMs: 300 };

/** Resolves once a graphql-ws client has its socket acknowledged (an apps query answered). */
async function connected(client: Client): Promise<void> {
  await wsRequest(client, '{ apps { name } }');
}

/**
 * A connected client. A socket closed a moment ago may still hold its place until the server sees the TCP
 * close, so a refused connect is tried again, a bounded number of times.
 */
async function openClient(url: string): Promise<Client> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const client = createWsClient(url, { lazy: false });
    if (await connected(client).then(() => true, () => false)) return client;
    await client.dispose();
  }
  throw new Error('could not connect a WebSocket client');
}

describe('WebSocket caps (production mode)', () => {
  let gw: GatewayOnEmulator;
  const wsUrl = () => `${gw.url.replace(/^http/, 'ws')}/graphql`;
  beforeAll(async () => {
    gw = await startGatewayOnEmulator(SEED, { maxRetries: 0 }, {}, {}, { limits: LIMITS });
  }, 60_000);
  afterAll(async () => {
    await gw?.stop();
  });

  it('closes a socket that never sends connection_init with 4408', async () => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    expect(await withTimeout(closed, 5000, 'the close of a socket without connection_init')).toBe(4408);
  });

  it('refuses the operation beyond maxOperationsPerSocket with TOO_MANY_OPERATIONS and keeps the socket', async () => {
    const closes: unknown[] = [];
    const client = createWsClient(gw.url, { lazy: false, onClosed: (e) => closes.push(e) });
    try {
      await connected(client);
      const stops = [1, 2].map(() => client.subscribe({ query: 'subscription { callEvents { cursor } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined }));
      const third = errorsOf(await wsRequest(client, '{ apps { name } }'));
      expect(third[0]).toMatchObject({ extensions: { code: 'TOO_MANY_OPERATIONS', limit: 2 } });
      stops[0]();
      // Once one completes there is room again; the socket never closed.
      let answered = await wsRequest<{ apps: unknown[] }, undefined>(client, '{ apps { name } }');
      for (let i = 0; i < 20 && answered.errors; i++) answered = await wsRequest(client, '{ apps { name } }');
      expect(answered.data?.apps).toHaveLength(4);
      stops[1]();
      expect(closes).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('answers 429 to the upgrade beyond maxSocketsPerClient, before the handshake', async () => {
    const clients = [await openClient(gw.url)];
    try {
      clients.push(await openClient(gw.url));
      const third = new WebSocket(wsUrl(), 'graphql-transport-ws');
      const status = new Promise<number>((resolve, reject) => {
        third.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        third.once('open', () => reject(new Error('the third socket was accepted')));
        third.once('error', () => undefined);
      });
      expect(await withTimeout(status, 5000, 'the answer to a third upgrade')).toBe(429);
      // A socket that closes frees its place.
      await clients.pop()!.dispose();
      clients.push(await openClient(gw.url));
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});
