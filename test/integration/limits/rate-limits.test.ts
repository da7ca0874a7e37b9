import { startGatewayOnEmulator, type GatewayOnEmulator } from '../../helpers/gateway';
import { createWsClient, postGraphql, wsRequest } from '../../helpers/graphql-client';
import { SEED } from './fixture';

const APPS = '{ apps { name } }';

describe('operation rates (production mode)', () => {
  describe('per socket', () => {
    let gw: GatewayOnEmulator;
    beforeAll(async () => {
      gw = await startGatewayOnEmulator(SEED, { maxRetries: 0 }, {}, {}, { limits: { socketMessagesPerSecond: 3, clientOperationsPerSecond: 1000 } });
    }, 60_000);
    afterAll(async () => {
      await gw?.stop();
    });

    it('answers RATE_LIMITED to the operations over socketMessagesPerSecond and keeps the socket', async () => {
      const closes: unknown[] = [];
      const client = createWsClient(gw.url, { lazy: false, onClosed: (e) => closes.push(e) });
      try {
        const results = await Promise.all(Array.from({ length: 10 }, () => wsRequest(client, APPS)));
        const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
        expect(results.filter((r) => r.data).length).toBeGreaterThanOrEqual(1);
        expect(refused.length).toBeGreaterThanOrEqual(10 - 3 - 3); // at most two one-second windows
        expect(refused[0].errors![0].extensions).toMatchObject({ retryAfterSeconds: 1 });
        // Another socket has its own budget.
        const other = createWsClient(gw.url);
        try {
          expect((await wsRequest(other, APPS)).errors).toBeUndefined();
        } finally {
          await other.dispose();
        }
        expect(closes).toEqual([]);
      } finally {
        await client.dispose();
      }
    });
  });

  describe('per client address, HTTP and WebSocket together', () => {
    let gw: GatewayOnEmulator;
    beforeAll(async () => {
      gw = await startGatewayOnEmulator(SEED, { maxRetries: 0 }, {}, {}, { limits: { clientOperationsPerSecond: 4 } });
    }, 60_000);
    afterAll(async () => {
      await gw?.stop();
    });

    it('answers 429 RATE_LIMITED with retry-after over HTTP, and RATE_LIMITED over WebSocket, within the same budget', async () => {
      const client = createWsClient(gw.url);
      try {
        // Bounded: a round counts only when it ran within one rate window.
        for (let round = 0; round < 3; round++) {
          const started = Date.now();
          const http = await Promise.all(Array.from({ length: 10 }, () => postGraphql(gw.url, APPS)));
          const overWs = await wsRequest(client, APPS);
          if (Date.now() - started > 900) continue;
          const refused = http.filter((r) => r.status === 429);
          expect(refused.length).toBeGreaterThanOrEqual(6);
          expect(refused[0].headers.get('retry-after')).toMatch(/^\d+$/);
          expect(refused[0].body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }] });
          expect(overWs.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
          return;
        }
        throw new Error('no round ran within one second');
      } finally {
        await client.dispose();
      }
    });
  });
});
