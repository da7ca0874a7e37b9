/**
 * Baseline for `callEvents` fan-out: a raw `ws` server speaking just enough graphql-transport-ws
 * (connection_ack, then `next` messages for subscription id "1") that `POST /broadcast` with a call event
 * `{sessionId, type, occurredAt}` sends the same JSON the gateway sends to every connected subscriber: one
 * serialization, one `send` per socket. No store, no filter, no GraphQL execution.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenAndAnnounce } from './listen';

const subscribers = new Set<WebSocket>();
let cursor = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const message = JSON.stringify({ id: '1', type: 'next', payload: { data: { callEvents: { cursor: String(++cursor), ...event } } } });
    for (const ws of subscribers) ws.send(message);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"resultcode":"0"}');
  });
});
const wss = new WebSocketServer({ server, path: '/graphql', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as { type?: string };
    if (msg.type === 'connection_init') ws.send('{"type":"connection_ack"}');
    else if (msg.type === 'subscribe') subscribers.add(ws);
  });
  ws.on('close', () => subscribers.delete(ws));
});
listenAndAnnounce(server);
