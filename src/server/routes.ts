import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Logger } from '../shared/logger';
import { BodyTooLargeError, readBody } from './body';
import type { ContextFactory, GatewayContext } from './context';
import { ASSETS_PATH, graphiqlHtml } from './graphiql';
import type { GraphiqlAssets } from './graphiql-assets';
import { handleGraphqlHttp } from './graphql-http';
import type { GatewayLimits } from './limits/limits';
import type { GatewayMetrics } from './metrics';
import type { ReadinessReport } from './readiness';
import { sendJson, sendMethodNotAllowed, sendNotFound } from './respond';

/** A push from the platform, as the transport-free webhook handler sees it. */
export interface WebhookRequest {
  /** The `<app>` of `/webhooks/<app>`, URL-decoded; not checked against the configuration here. */
  app: string;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

export interface WebhookResponse {
  status: number;
  /** Default `content-type: application/json; charset=utf-8`. */
  headers?: Record<string, string>;
  body: string;
}

/** The seam to webhook handling: answers one push. A 200 tells the platform the push is stored. */
export type WebhookHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

/** starting: only health, metrics and the GraphiQL page answer; stopping: new requests get 503. */
export type ServerPhase = 'starting' | 'ready' | 'stopping';

export interface RouteDeps {
  logger: Logger;
  metrics: GatewayMetrics;
  apollo: ApolloServer<GatewayContext>;
  contextFor: ContextFactory;
  assets: GraphiqlAssets;
  readiness(): Promise<ReadinessReport>;
  webhook: WebhookHandler;
  webhookBodyLimitBytes: number;
  graphqlBodyLimitBytes: number;
  /** Rates, deadline and what /graphql shows (GraphiQL) come from here. */
  limits: GatewayLimits;
  phase(): ServerPhase;
}

/** Route patterns, also the `route` label of the HTTP metrics. */
export function routeOf(path: string): string {
  if (path === '/graphql') return '/graphql';
  if (path.startsWith(ASSETS_PATH)) return '/graphql/assets/:name';
  if (path.startsWith('/webhooks/')) return '/webhooks/:app';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  return 'unmatched';
}

/** Dispatches one request. Throws only for unexpected failures (the server answers 500). */
export async function handleRoute(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  switch (routeOf(path)) {
    case '/healthz':
      return sendJson(res, 200, { status: 'ok' });
    case '/readyz':
      return sendReadiness(deps, res);
    case '/metrics':
      res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' });
      return void res.end(await deps.metrics.render());
    case '/graphql/assets/:name':
      return sendAsset(deps, res, method, safeDecode(path.slice(ASSETS_PATH.length)));
    case '/graphql':
      return handleGraphql(deps, req, res, method, requestId);
    case '/webhooks/:app':
      return handleWebhook(deps, req, res, method, path);
    default:
      return sendNotFound(res);
  }
}

async function sendReadiness(deps: RouteDeps, res: ServerResponse): Promise<void> {
  const phase = deps.phase();
  if (phase !== 'ready') return sendJson(res, 503, { status: phase, checks: {} });
  const report = await deps.readiness();
  sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', checks: report.checks });
}

async function sendAsset(deps: RouteDeps, res: ServerResponse, method: string, name: string): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') return sendMethodNotAllowed(res, ['GET']);
  if (!deps.limits.graphql.graphiql) return sendNotFound(res);
  const asset = await deps.assets.get(name);
  if (!asset) return sendNotFound(res);
  res.writeHead(200, { 'content-type': asset.contentType, 'content-length': String(asset.body.length), 'cache-control': 'public, max-age=3600' });
  res.end(method === 'HEAD' ? undefined : asset.body);
}

/** Browsers asking for HTML with no query get GraphiQL (404 when it is off); everything else is a GraphQL request. */
function wantsGraphiql(req: IncomingMessage, method: string): boolean {
  if (method !== 'GET') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  return !url.searchParams.has('query') && /\btext\/html\b/.test(req.headers.accept ?? '');
}

async function handleGraphql(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string, requestId: string): Promise<void> {
  if (wantsGraphiql(req, method)) {
    if (!deps.limits.graphql.graphiql) return sendNotFound(res);
    const html = graphiqlHtml();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': GRAPHIQL_CSP });
    return void res.end(html);
  }
  if (method !== 'GET' && method !== 'POST') return sendMethodNotAllowed(res, ['GET', 'POST']);
  if (deps.phase() !== 'ready') return sendNotReady(res);
  const body = method === 'POST' ? await readLimited(req, res, deps.graphqlBodyLimitBytes) : null;
  if (body === undefined) return;
  await handleGraphqlHttp(deps.apollo, deps.contextFor, deps.limits, req, res, body, requestId);
}

async function handleWebhook(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
  const app = safeDecode(path.slice('/webhooks/'.length));
  if (app === '' || app.includes('/')) return sendNotFound(res);
  if (method !== 'POST') return sendMethodNotAllowed(res, ['POST']);
  if (deps.phase() !== 'ready') return sendNotReady(res);
  const rawBody = await readLimited(req, res, deps.webhookBodyLimitBytes);
  if (rawBody === undefined) return;
  const answer = await deps.webhook({ app, rawBody, headers: req.headers });
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...answer.headers });
  res.end(answer.body);
}

/** The body, or undefined after answering 413 (closing the connection when the rest was not read). */
async function readLimited(req: IncomingMessage, res: ServerResponse, limitBytes: number): Promise<Buffer | undefined> {
  try {
    return await readBody(req, limitBytes);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    sendJson(res, 413, { error: 'PAYLOAD_TOO_LARGE', message: `The request body exceeds ${limitBytes} bytes` }, err.drained ? {} : { connection: 'close' });
    return undefined;
  }
}

/** URL-decodes a path segment; a malformed escape gives '' (answered 404 by the callers). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function sendNotReady(res: ServerResponse): void {
  sendJson(res, 503, { error: 'NOT_READY', message: 'The gateway is starting or stopping' }, { 'retry-after': '1' });
}

/** The GraphiQL page may load only from this origin and talk only to it (HTTP and WebSocket). */
const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');
