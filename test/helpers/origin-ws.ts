import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { withTimeout } from './with-timeout';

const wsUrl = (baseUrl: string): string => `${baseUrl.replace(/^http/, 'ws')}/graphql`;

/**
 * A raw WebSocket upgrade to `<baseUrl>/graphql` as a browser page of `origin` would make it (no Origin
 * header when undefined). Resolves with the HTTP status: 101 when the handshake completed, else the refusal.
 */
export function upgradeStatus(baseUrl: string, origin: string | undefined): Promise<number> {
  const result = new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(wsUrl(baseUrl), 'graphql-transport-ws', origin === undefined ? {} : { headers: { origin } });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
  return withTimeout(result, 10_000, 'the WebSocket upgrade');
}

/** The real graphql-ws client whose upgrades carry `Origin: <origin>`, no retries. */
export function createOriginWsClient(baseUrl: string, origin: string): Client {
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin } });
    }
  }
  return createClient({ url: wsUrl(baseUrl), webSocketImpl: OriginWebSocket, retryAttempts: 0, lazy: true, onNonLazyError: () => undefined });
}
