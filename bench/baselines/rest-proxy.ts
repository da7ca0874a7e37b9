/**
 * Baseline for `binding(id)` and `bindings(first: 50)`: a hand-written REST proxy in front of the same
 * emulator the gateway uses, with an undici Pool (keep-alive) and the same X-AKSK signing as the gateway
 * (src/platform/signing.ts). `GET /binding/<id>` asks the platform for one AXB binding by subscriptionId;
 * `GET /bindings?relationNum=<X>` lists the AXB bindings on a number. Both parse the platform's answer and
 * map it to a small JSON shape, as any proxy would. Configured by EMULATOR_URL, APP_KEY, APP_SECRET.
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { signedHeaders } from '../../src/platform/signing';
import { URI } from '../../src/platform/wire/common';
import { listenAndAnnounce } from './listen';

const emulator = process.env.EMULATOR_URL ?? '';
const appKey = process.env.APP_KEY ?? '';
const appSecret = process.env.APP_SECRET ?? '';
const pool = new Pool(emulator, { connections: 64 });

interface AxbInfo {
  subscriptionId?: string;
  relationNum?: string;
  callerNum?: string;
  calleeNum?: string;
}

async function platformGet(query: string): Promise<{ relationNumList?: AxbInfo[] }> {
  const res = await pool.request({
    path: `${URI.axb}?${query}`,
    method: 'GET',
    headers: { accept: 'application/json', 'content-type': 'application/json;charset=UTF-8', ...signedHeaders('aksk', appKey, appSecret) },
  });
  return (await res.body.json()) as { relationNumList?: AxbInfo[] };
}

const view = (b: AxbInfo) => ({ id: b.subscriptionId, privacyNumber: b.relationNum, partyA: b.callerNum, partyB: b.calleeNum });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const one = /^\/binding\/([^/]+)$/.exec(url.pathname);
  const work = one
    ? platformGet(`subscriptionId=${encodeURIComponent(one[1])}`).then((r) => answer(200, { binding: r.relationNumList?.[0] ? view(r.relationNumList[0]) : null }))
    : url.pathname === '/bindings'
      ? platformGet(`relationNum=${encodeURIComponent(url.searchParams.get("relationNum") ?? "")}&pageSize=50`).then((r) => answer(200, { bindings: (r.relationNumList ?? []).slice(0, 50).map(view) }))
      : Promise.resolve(answer(404, { error: 'unknown path' }));
  work.catch((err: unknown) => answer(502, { error: (err as Error).message }));
});
listenAndAnnounce(server);
