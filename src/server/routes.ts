import { performance } from 'node:perf_hooks';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../auth/authenticator';
import type { Logger } from '../shared/logger';
import { UnreachableCaseError } from '../shared/unreachable';
import { isJsonContentType } from '../webhooks/content-type';
import { type PushAnswerOutcome, UNKNOWN_KIND } from '../webhooks/push-answer';
import { boardRouteOf, handleBoard } from './board';
import { BodyTooLargeError, readBody } from './body';
import type { ContextFactory, GatewayContext } from './context';
import { type OriginPolicy, preflightHeaders, responseHeaders } from './cors';
import { ASSETS_PATH, graphiqlHtml } from './graphiql';
import type { GraphiqlAssets } from './graphiql-assets';
import { handleGraphqlHttp } from './graphql-http';
import type { GatewayLimits } from './limits/limits';
import type { GatewayMetrics } from './metrics';
import { checkMetricsAccess, type MetricsAccess } from './metrics-access';
import type { ReadinessReport } from './readiness';
import { sendJson, sendMethodNotAllowed, sendNotFound } from './respond';

/** A push from the platform, as the transport-free webhook handler sees it. */
export interface WebhookRequest {
  /** The `<app>` of `/webhooks/<app>`, URL-decoded; not checked against the configuration here. */
  app: string;
  /** The `<token>` of `/webhooks/<app>/<token>`, URL-decoded; absent for `/webhooks/<app>`. A secret: never logged. */
  pathToken?: string;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  /** The id the HTTP server gave this request (`x-request-id`): every log line about the push carries it. */
  requestId?: string;
}

export interface WebhookResponse {
  status: number;
  /** Default `content-type: application/json; charset=utf-8`. */
  headers?: Record<string, string>;
  body: string;
  /** How the push was answered and its kind, for the metrics; absent: derived from the status, kind `unknown`. */
  outcome?: PushAnswerOutcome;
  kind?: string;
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
  authenticator: Authenticator;
  assets: GraphiqlAssets;
  readiness(): Promise<ReadinessReport>;
  webhook: WebhookHandler;
  webhookBodyLimitBytes: number;
  graphqlBodyLimitBytes: number;
  /** Browser origins allowed on /graphql (CORS); the WebSocket upgrade checks the same policy. */
  origins: OriginPolicy;
  /** Who may read /metrics on this port. */
  metricsAccess: MetricsAccess;
  /** Whether a push may come from this peer address (`webhooks.allowedSourceCidrs`). */
  webhookSourceAllowed(address: string | undefined): boolean;
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
  return boardRouteOf(path) ?? 'unmatched';
}

/** Dispatches one request. Throws only for unexpected failures (the server answers 500). */
export async function handleRoute(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const board = boardRouteOf(path);
  if (board) return handleBoard(board, req, res, path);
  switch (routeOf(path)) {
    case '/healthz':
      return sendJson(res, 200, { status: 'ok' });
    case '/readyz':
      return sendReadiness(deps, res);
    case '/metrics':
      return sendMetrics(deps, req, res);
    case '/graphql/assets/:name':
      return sendAsset(deps, res, method, safeDecode(path.slice(ASSETS_PATH.length)));
    case '/graphql':
      return handleGraphql(deps, req, res, method, requestId);
    case '/webhooks/:app':
      return handleWebhook(deps, req, res, method, path, requestId);
    default:
      return sendNotFound(res);
  }
}

async function sendReadiness(deps: RouteDeps, res: ServerResponse): Promise<void> {
  const phase = deps.phase();
  if (phase !== 'ready') return sendJson(res, 503, { status: phase, checks: {} });
  const report = await deps.readiness();
  sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', checks: report.checks, platform: report.platform });
}

async function sendMetrics(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const verdict = checkMetricsAccess(deps.metricsAccess, req.headers.authorization);
  switch (verdict) {
    case 'allow':
      res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' });
      return void res.end(await deps.metrics.render());
    case 'unauthorized':
      return sendJson(res, 401, { error: 'UNAUTHENTICATED', message: 'Metrics need Authorization: Bearer <metrics token>' }, { 'www-authenticate': 'Bearer realm="metrics"' });
    case 'not-found':
      return sendNotFound(res);
    default:
      throw new UnreachableCaseError(verdict);
  }
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

/**
 * CORS for one /graphql request. A request without Origin is not a browser's cross-origin one and passes;
 * an allowed origin gets its CORS headers (a preflight is answered here, 204); any other gets 403 without
 * them. Returns whether the request goes on.
 */
function admitOrigin(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string): boolean {
  const origin = req.headers.origin;
  const preflight = method === 'OPTIONS';
  if (origin === undefined) {
    if (preflight) res.writeHead(204, { allow: 'GET, POST, OPTIONS' }).end();
    return !preflight;
  }
  if (!deps.origins.allows(origin, req.headers.host)) {
    sendJson(res, 403, { error: 'FORBIDDEN', message: 'This origin may not use the gateway (cors.allowedOrigins)' });
    return false;
  }
  if (preflight) {
    res.writeHead(204, preflightHeaders(origin)).end();
    return false;
  }
  for (const [name, value] of Object.entries(responseHeaders(origin))) res.setHeader(name, value);
  return true;
}

async function handleGraphql(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string, requestId: string): Promise<void> {
  if (!admitOrigin(deps, req, res, method)) return;
  if (wantsGraphiql(req, method)) {
    if (!deps.limits.graphql.graphiql) return sendNotFound(res);
    const html = graphiqlHtml();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': GRAPHIQL_CSP });
    return void res.end(html);
  }
  if (method !== 'GET' && method !== 'POST') return sendMethodNotAllowed(res, ['GET', 'POST', 'OPTIONS']);
  if (deps.phase() !== 'ready') return sendNotReady(res);
  const body = method === 'POST' ? await readLimited(req, res, deps.graphqlBodyLimitBytes) : null;
  if (body === undefined) return;
  await handleGraphqlHttp(deps.apollo, deps.contextFor, deps.limits, req, res, body, requestId, deps.authenticator);
}

/**
 * `/webhooks/<app>` or `/webhooks/<app>/<token>`: source address (403) → address (404) → method (405) →
 * JSON content type (415), each before the body is read; then the body (413) and the handler. Every answer
 * is counted (`gateway_webhook_pushes_total`) and timed from arrival (`gateway_webhook_push_duration_seconds`).
 */
async function handleWebhook(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string, path: string, requestId: string): Promise<void> {
  const started = performance.now();
  const address = webhookAddress(path);
  const count = (outcome: PushAnswerOutcome, status: number, kind = UNKNOWN_KIND): void =>
    deps.metrics.pushAnswered({ app: address?.app ?? UNKNOWN_KIND, kind, outcome, status }, (performance.now() - started) / 1000);
  if (!deps.webhookSourceAllowed(req.socket.remoteAddress)) {
    deps.logger.warn({ requestId, source: req.socket.remoteAddress }, 'push from an address outside webhooks.allowedSourceCidrs; refused');
    count('forbidden', 403);
    return sendJson(res, 403, { error: 'FORBIDDEN', message: 'Pushes are not accepted from this address' }, { connection: 'close' });
  }
  if (!address) return (count('notFound', 404), sendNotFound(res));
  if (method !== 'POST') return (count('methodNotAllowed', 405), sendMethodNotAllowed(res, ['POST']));
  if (deps.phase() !== 'ready') return (count('notReady', 503), sendNotReady(res));
  if (!isJsonContentType(req.headers['content-type'])) {
    count('unsupportedMediaType', 415);
    return sendJson(res, 415, { error: 'UNSUPPORTED_MEDIA_TYPE', message: 'A push must be sent as Content-Type: application/json' }, { connection: 'close' });
  }
  const rawBody = await readLimited(req, res, deps.webhookBodyLimitBytes);
  if (rawBody === undefined) return count('tooLarge', 413);
  const answer = await deps.webhook({ ...address, rawBody, headers: req.headers, requestId });
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...answer.headers });
  res.end(answer.body);
  count(answer.outcome ?? outcomeOfStatus(answer.status), answer.status, answer.kind);
}

/** The outcome of an answer that did not name one (a wrapped or stand-in handler). */
function outcomeOfStatus(status: number): PushAnswerOutcome {
  if (status === 200) return 'stored';
  if (status === 401) return 'rejected';
  if (status === 404) return 'notFound';
  return status === 503 ? 'notReady' : 'failed';
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

/** `{ app }` of `/webhooks/<app>`, `{ app, pathToken }` of `/webhooks/<app>/<token>`; null for anything else. */
function webhookAddress(path: string): { app: string; pathToken?: string } | null {
  const segments = path.slice('/webhooks/'.length).split('/').map(safeDecode);
  if (segments.length > 2 || segments.some((s) => s === '' || s.includes('/'))) return null;
  return segments.length === 2 ? { app: segments[0], pathToken: segments[1] } : { app: segments[0] };
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
