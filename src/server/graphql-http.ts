import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { Authenticator } from '../auth/authenticator';
import { ErrorCode } from '../errors';
import type { ContextFactory, GatewayContext } from './context';
import { sendJson } from './respond';

/**
 * Runs one HTTP request through Apollo (`executeHTTPGraphQLRequest`): GET with query parameters or POST
 * with a JSON body already read by the router (size-limited). Streams incremental responses as chunks.
 */
export async function handleGraphqlHttp(
  apollo: ApolloServer<GatewayContext>,
  contextFor: ContextFactory,
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: Buffer | null,
  requestId: string,
  authenticator: Authenticator,
): Promise<void> {
  // Authenticated before anything is parsed or run: a request without a usable credential costs nothing.
  const auth = await authenticator.authenticate(req.headers.authorization);
  if (!auth.ok) {
    const unauthenticated = auth.reason === 'unauthenticated';
    const code = unauthenticated ? ErrorCode.Unauthenticated : ErrorCode.Forbidden;
    sendJson(res, unauthenticated ? 401 : 403, { errors: [{ message: auth.message, extensions: { code } }] }, unauthenticated ? { 'www-authenticate': 'Bearer' } : {});
    return;
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
    search: new URL(req.url ?? '/', 'http://localhost').search,
    body,
  };
  const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => contextFor(requestId, 'http', auth.principal) });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}
