import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { sendMethodNotAllowed, sendNotFound } from './respond';

/**
 * The live call board (`web/`, built by `npm run build` into `dist/web/`) and the landing page at `/`.
 * Both are static: the board talks to the gateway only through the public GraphQL API.
 */

/** Route labels (also the `route` label of the HTTP metrics), or null when the path is not ours. */
export type BoardRoute = '/' | '/board' | '/board/assets/:name';

export function boardRouteOf(path: string): BoardRoute | null {
  if (path === '/') return '/';
  if (path === '/board' || path === '/board/') return '/board';
  if (path.startsWith('/board/assets/')) return '/board/assets/:name';
  return null;
}

/** The pages may load only from this origin and talk only to it (HTTP and WebSocket), like GraphiQL. */
export const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * `dist/web` seen from this file: `src/server/` under ts-node or jest, `dist/src/server/` when built.
 * Read per request (files are small and the OS caches them), so a rebuild shows without a restart.
 */
function webDir(): string | null {
  // From src/server the first is <root>/dist/web; from dist/src/server the second is (<root>/web holds the sources).
  for (const dir of [join(__dirname, '..', '..', 'dist', 'web'), join(__dirname, '..', '..', 'web')]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/** Answers `/`, `/board` and `/board/assets/<name>`. */
export async function handleBoard(route: BoardRoute, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return sendMethodNotAllowed(res, ['GET']);
  const head = method === 'HEAD';
  if (route === '/') return sendPage(res, landingHtml(), head);
  const dir = webDir();
  if (route === '/board') {
    if (!dir) return sendPage(res, notBuiltHtml(), head, 503);
    return sendPage(res, await readFile(join(dir, 'index.html'), 'utf8'), head);
  }
  const name = path.slice('/board/assets/'.length);
  const type = TYPES[extname(name)];
  if (!dir || !type || !/^[\w.-]+$/.test(name) || name.startsWith('.')) return sendNotFound(res);
  const body = await readFile(join(dir, 'assets', name)).catch(() => null);
  if (!body) return sendNotFound(res);
  // Vite puts a content hash in every asset name: cache them for good.
  res.writeHead(200, { 'content-type': type, 'content-length': String(body.length), 'cache-control': 'public, max-age=31536000, immutable' });
  res.end(head ? undefined : body);
}

function sendPage(res: ServerResponse, html: string, head: boolean, status = 200): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-cache',
    'content-security-policy': BOARD_CSP,
    'x-content-type-options': 'nosniff',
  });
  res.end(head ? undefined : body);
}

const PAGE_STYLE = `<link rel="icon" href="data:," />
    <meta name="viewport" content="width=device-width, initial-scale=1" />`;

/** `/`: where everything is. No script, no styles from elsewhere. */
export function landingHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${PAGE_STYLE}
    <title>PrivateNumber GraphQL gateway</title>
  </head>
  <body>
    <main>
      <h1>PrivateNumber GraphQL gateway</h1>
      <p>A GraphQL API in front of Huawei Cloud Privacy Protection Call: bindings, numbers, calls, recordings and live call events.</p>
      <h2>Open</h2>
      <ul>
        <li><a href="/graphql">GraphiQL</a>: run queries, mutations and subscriptions against <code>/graphql</code> (WebSocket on the same path).</li>
        <li><a href="/board">Live call board</a>: numbers, live calls, call records and calls per hour, updated as the platform pushes.</li>
      </ul>
      <h2>Health</h2>
      <ul>
        <li><a href="/healthz">/healthz</a>: the process runs.</li>
        <li><a href="/readyz">/readyz</a>: the store, the platform (and Redis when configured) answer.</li>
        <li><a href="/metrics">/metrics</a>: Prometheus metrics (may need a token or live on another port in production).</li>
      </ul>
      <h2>Docs</h2>
      <p>The documentation ships with the gateway's source: <code>README.md</code> (start here: a tour from binding to live call),
      <code>ARCHITECTURE.md</code>, <code>docs/</code>, and <code>schema.graphql</code> (the whole schema; also browsable in GraphiQL's documentation explorer).</p>
    </main>
  </body>
</html>
`;
}

function notBuiltHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" />${PAGE_STYLE}<title>Call board not built</title></head>
  <body><main><h1>The call board is not built</h1><p>Run <code>npm run build</code> (it builds <code>web/</code> into <code>dist/web/</code>), then reload. <a href="/">Home</a></p></main></body>
</html>
`;
}
