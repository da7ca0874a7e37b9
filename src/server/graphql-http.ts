import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { Authenticator } from '../auth/authenticator';
import { ErrorCode, GatewayError } from '../errors';
import type { ContextFactory, GatewayContext } from './context';
import { clientAddress } from './limits/client-address';
import type { GatewayLimits } from './limits/limits';
import { operationSignal } from './limits/operation-signal';
import { rateLimitedError } from './limits/rate-limit';
import { sendJson } from './respond';

/**
 * Runs one HTTP request through Apollo (`executeHTTPGraphQLRequest`): GET with query parameters or POST
 * with a JSON body already read by the router (size-limited). Streams incremental responses as chunks.
 * Before Apollo: the client's operation rate (429 RATE_LIMITED with `retry-after`). While it runs: the
 * operation's signal (`ctx.signal`) aborts when the client closes the request or `operationTimeoutMs`
 * passes; the deadline answers 504 OPERATION_TIMEOUT at once instead of waiting for the work to stop.
 */
export async function handleGraphqlHttp(
  apollo: ApolloServer<GatewayContext>,
  contextFor: ContextFactory,
  limits: GatewayLimits,
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: Buffer | null,
  requestId: string,
  authenticator: Authenticator,
): Promise<void> {
  const rate = await limits.rates.client(clientAddress(req));
  if (!rate.allowed) {
    const error = rateLimitedError(rate.retryAfterMs);
    return sendGraphqlError(res, 429, error, { 'retry-after': String(error.extensions.retryAfterSeconds) });
  }
  // Authenticated before anything is parsed or run: a request without a usable credential costs nothing.
  const auth = await authenticator.authenticate(req.headers.authorization);
  if (!auth.ok) {
    if (auth.reason === 'forbidden') return sendGraphqlError(res, 403, new GatewayError(ErrorCode.Forbidden, auth.message));
    return sendGraphqlError(res, 401, new GatewayError(ErrorCode.Unauthenticated, auth.message), { 'www-authenticate': 'Bearer' });
  }
  let body: unknown = undefined;
  if (rawBody !== null && rawBody.length > 0) {
    const type = req.headers['content-type'] ?? '';
    if (/^application\/(graphql-response\+)?json\b/i.test(type)) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
    } else body = rawBody.toString('utf8');
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers: toHeaderMap(req),
    search: searchOf(req.url ?? '/'),
    body,
  };
  const abort = operationSignal(limits.config.operationTimeoutMs);
  const onClose = () => {
    if (!res.writableFinished) abort.cancel();
  };
  res.once('close', onClose);
  const running = apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => contextFor(requestId, 'http', auth.principal, abort.signal) });
  const outcome = await Promise.race([running.then((response) => ({ response })), abort.expired.then((timeout) => ({ timeout }))]);
  abort.settle();
  if ('timeout' in outcome) {
    // The work goes on only until it next meets the signal; its own answer is dropped.
    running.catch(() => undefined);
    if (!res.headersSent && !res.destroyed) sendGraphqlError(res, 504, outcome.timeout);
    return;
  }
  await writeResponse(res, outcome.response);
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A GraphQL response with one error and no data, as Apollo would shape it. */
function sendGraphqlError(res: ServerResponse, status: number, error: GatewayError, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }] }, headers);
}

/** The query string of a request target, `?` included, as `URL#search` gives it ('' when none); no URL is parsed. */
export function searchOf(target: string): string {
  const query = target.indexOf('?');
  if (query < 0) return '';
  const hash = target.indexOf('#', query);
  const search = hash < 0 ? target.slice(query) : target.slice(query, hash);
  return search === '?' ? '' : search;
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}
