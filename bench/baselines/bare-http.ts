/**
 * Baseline for the trivial query and for push ingest: node:http that reads the whole body, parses it as JSON
 * when there is one, and answers a fixed JSON body. The floor any HTTP handler on this machine stands on.
 */
import { createServer } from 'node:http';
import { listenAndAnnounce } from './listen';

const ANSWER = '{"data":{"apps":[{"name":"bench"}]},"resultcode":"0"}';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' }).end(ANSWER);
  });
});
listenAndAnnounce(server);
