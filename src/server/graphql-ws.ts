import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionResult, getOperationAST, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { ErrorCode, GatewayError } from '../errors';
import { SLOW_CONSUMER_CLOSE_CODE, SlowConsumerError } from '../events/log-reader';
import type { Logger } from '../shared/logger';
import type { ContextFactory } from './context';
import { formatError } from './format-error';
import { clientAddress } from './limits/client-address';
import { checkCost } from './limits/cost';
import type { GatewayLimits } from './limits/limits';
import { type OperationSignal, operationSignal } from './limits/operation-signal';
import { rateLimitedError } from './limits/rate-limit';
import { tooManyOperationsError } from './limits/socket-limits';
import { parseDocument } from './limits/validation-rules';
import type { GatewayMetrics } from './metrics';
import { reportOperation } from './operation-log';
import { requestIdFrom } from './request-id';

export interface GraphqlWsOptions {
  schema: GraphQLSchema;
  contextFor: ContextFactory;
  authenticator: Authenticator;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Largest accepted WebSocket message, bytes; larger closes the socket with 1009. */
  maxPayloadBytes: number;
  /** The limits HTTP applies too, plus the per-socket ones. */
  limits: GatewayLimits;
}

export interface GraphqlWsServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket with 1001 (Going Away), waits up to `timeoutMs` for them, then cuts the rest. */
  close(timeoutMs: number): Promise<void>;
}

interface OperationState {
  started: number;
  requestId: string;
  name: string | null;
  type: string;
  errors: { formatted: GraphQLFormattedError; original: unknown }[];
  /** `ctx.signal` of the operation: aborted when it completes, its client completes it or the socket closes. */
  abort: OperationSignal;
}

/** What the server knows of one socket. */
interface SocketState {
  connectionId: string;
  /** Unique per socket (the connection id comes from a client header): the key of the per-socket rate. */
  rateKey: string;
  address: string;
  /** Operations running on this socket by id, bounded by `maxOperationsPerSocket`. */
  operations: Map<string, OperationState>;
  /** Authenticated once in `onConnect` from `connectionParams.authorization`; null until then. */
  principal: Principal | null;
}

/**
 * graphql-ws on the HTTP server's `/graphql` path (the router hands over `upgrade` requests). Applies the
 * same document limits, cost limit, error formatting, logging and metrics as the HTTP path; parse,
 * validation and limit failures become `error` messages (codes GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED, QUERY_TOO_DEEP, …) instead of closing the socket. Per socket: at most
 * `maxOperationsPerSocket` operations at once (TOO_MANY_OPERATIONS), `socketMessagesPerSecond` subscribes
 * (RATE_LIMITED), `connection_init` within `connectionInitTimeoutMs` (else 4408); a subscription whose
 * client stalls is cut and its socket closed with SLOW_CONSUMER_CLOSE_CODE (4008).
 */
export function createGraphqlWsServer(options: GraphqlWsOptions): GraphqlWsServer {
  const { schema, contextFor, authenticator, logger, metrics, limits } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const sockets = new WeakMap<object, SocketState>();
  const rules = [...specifiedRules, ...limits.document.validationRules];
  let socketCount = 0;

  const finish = (socket: object, id: string) => {
    const state = sockets.get(socket)?.operations.get(id);
    if (!state) return;
    sockets.get(socket)?.operations.delete(id);
    state.abort.cancel();
    reportOperation(logger.child({ requestId: state.requestId }), metrics, {
      transport: 'ws',
      operationName: state.name,
      operationType: state.type,
      durationMs: performance.now() - state.started,
      errors: state.errors,
    });
  };
  const record = (socket: object, id: string, errors: readonly GraphQLError[], requestError: boolean): GraphQLFormattedError[] => {
    const formatted = errors.map((e) => formatError(withRequestCode(e.toJSON(), e, requestError), e));
    sockets.get(socket)?.operations.get(id)?.errors.push(...formatted.map((f, i) => ({ formatted: f, original: errors[i] })));
    return formatted;
  };

  const server = useServer(
    {
      isProd: true,
      connectionInitWaitTimeout: limits.config.connectionInitTimeoutMs,
      // 4401 when the credential is missing or bad, 4403 when it is valid but may not connect.
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const auth = await authenticator.authenticate(typeof raw === 'string' ? raw : undefined);
        const socketState = sockets.get(ctx.extra.socket);
        if (auth.ok && socketState) {
          socketState.principal = auth.principal;
          return true;
        }
        logger.info({ requestId: socketState?.connectionId, reason: auth.ok ? 'unknown socket' : auth.reason }, 'WebSocket connection refused');
        if (!auth.ok && auth.reason === 'unauthenticated') ctx.extra.socket.close(4401, 'Unauthorized');
        return false;
      },
      onSubscribe: async (ctx, id, payload) => {
        const socketState = sockets.get(ctx.extra.socket);
        if (!socketState) throw new Error('subscribe on a socket the server does not know');
        const requestId = `${socketState.connectionId}:${id}`.slice(0, 128);
        const running = socketState.operations.size;
        const state: OperationState = {
          started: performance.now(),
          requestId,
          name: payload.operationName ?? null,
          type: 'unknown',
          errors: [],
          abort: operationSignal(null),
        };
        socketState.operations.set(id, state);
        if (running >= limits.config.maxOperationsPerSocket) return [asGraphqlError(tooManyOperationsError(limits.config.maxOperationsPerSocket))];
        const principal = socketState.principal;
        if (!principal || expired(principal)) return [expiredTokenError('connect again with a fresh one')];
        for (const decision of [await limits.rates.socket(socketState.rateKey), await limits.rates.client(socketState.address)]) {
          if (!decision.allowed) return [asGraphqlError(rateLimitedError(decision.retryAfterMs))];
        }
        const document = parseDocument(payload.query, limits.document);
        if (document instanceof GraphQLError) return [withCode(document, document.extensions.code ? String(document.extensions.code) : 'GRAPHQL_PARSE_FAILED')];
        const invalid = validate(schema, document, rules, limits.document.validationOptions);
        if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unable to identify the operation to run', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        const tooCostly = checkCost(schema, limits.config.maxCost, document, payload.operationName, payload.variables);
        if (tooCostly) return [tooCostly];
        state.name = operation.name?.value ?? state.name;
        state.type = operation.operation;
        const contextValue = contextFor(requestId, 'ws', principal, state.abort.signal);
        // A subscription whose client stalls (log-reader.ts: nothing taken while more than
        // `subscriptionBufferEntries` piled up) is cut: the socket is closed at once, even if its client reads
        // nothing any more, telling the client to resume from its cursor.
        const socket = ctx.extra.socket;
        contextValue.events = {
          ...contextValue.events,
          onSlowConsumer: () => {
            logger.info({ requestId, limit: limits.config.subscriptionBufferEntries }, 'subscription cut: its client stalled; closing the socket');
            if (socket.readyState === WebSocket.OPEN) socket.close(SLOW_CONSUMER_CLOSE_CODE, 'Slow consumer: resume with after: your last cursor');
          },
        };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onOperation: (ctx, _id, _payload, _args, result) => {
        if (!isAsyncIterable<ExecutionResult>(result)) return undefined;
        const principal = sockets.get(ctx.extra.socket)?.principal;
        return untilCut(principal?.expiresAt ? untilExpiry(result, principal.expiresAt) : result);
      },
      onNext: (ctx, id, _payload, _args, result: ExecutionResult) => {
        if (!result.errors) return;
        return { ...result, errors: record(ctx.extra.socket, id, result.errors, !('data' in result)) };
      },
      onError: (ctx, id, _payload, errors) => {
        const formatted = record(ctx.extra.socket, id, errors, false);
        finish(ctx.extra.socket, id);
        return formatted;
      },
      onComplete: (ctx, id) => finish(ctx.extra.socket, id),
    },
    wss,
  );

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const connectionId = requestIdFrom(req.headers['x-request-id']);
    const state: SocketState = { connectionId, rateKey: `socket-${++socketCount}`, address: clientAddress(req), operations: new Map(), principal: null };
    sockets.set(socket, state);
    // Socket errors are protocol violations by the client (e.g. a message over maxPayloadBytes); ws has
    // already started closing (1009, 1002…). graphql-ws's own listener would print them with console.error:
    // log them here instead.
    socket.removeAllListeners('error');
    socket.on('error', (err) => {
      logger.warn({ requestId: connectionId, err }, 'WebSocket closed after a protocol error');
      if (socket.readyState === WebSocket.OPEN) socket.close(1011, 'Internal server error');
    });
    // A client's `complete` stops a running query or mutation too (graphql-ws only stops subscriptions).
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const id = isBinary ? null : completedId(data);
      if (id !== null) state.operations.get(id)?.abort.cancel();
    });
    metrics.wsConnections.inc();
    socket.once('close', () => {
      metrics.wsConnections.dec();
      for (const operation of state.operations.values()) operation.abort.cancel();
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async close(timeoutMs) {
      const clients = [...wss.clients];
      const closed = clients.map((c) => (c.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise<void>((resolve) => c.once('close', () => resolve()))));
      await server.dispose();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(closed), deadline]);
      clearTimeout(timer);
      for (const c of clients) if (c.readyState !== WebSocket.CLOSED) c.terminate();
    },
  };
}

/** The id of a `{"type":"complete","id":…}` message, else null. Only small messages are looked at. */
function completedId(data: Buffer): string | null {
  if (data.length > 512 || !data.includes('"complete"')) return null;
  try {
    const message = JSON.parse(data.toString('utf8')) as { type?: unknown; id?: unknown };
    return message.type === 'complete' && typeof message.id === 'string' ? message.id : null;
  } catch {
    return null;
  }
}

/** A GatewayError as the GraphQL error graphql-ws sends; `formatError` gives it its code and extensions. */
function asGraphqlError(error: GatewayError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, code: error.code } });
}

/** The same error with a public `extensions.code`, as Apollo gives parse and validation errors on HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/** Variable coercion errors (a result without `data`, errors without path) are BAD_USER_INPUT, as on HTTP. */
function withRequestCode(formatted: GraphQLFormattedError, error: GraphQLError, requestError: boolean): GraphQLFormattedError {
  if (!requestError || error.path || formatted.extensions?.code) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
}

/** UNAUTHENTICATED for an operation of a socket whose token has run out; `then` tells the client what to do. */
function expiredTokenError(then: string): GraphQLError {
  return asGraphqlError(new GatewayError(ErrorCode.Unauthenticated, `authorization: the token has expired; ${then}`));
}

function expired(principal: Principal): boolean {
  return principal.expiresAt !== null && principal.expiresAt.getTime() <= Date.now();
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterableIterator<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * A subscription's results until its stream is cut for falling behind: the socket is closing then
 * (SLOW_CONSUMER_CLOSE_CODE), so the end is silent instead of an INTERNAL_SERVER_ERROR message. A plain
 * iterator, not a generator: `return()` must reach the source at once, even while a `next()` waits.
 */
function untilCut(source: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const done: IteratorResult<ExecutionResult> = { value: undefined, done: true };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () =>
      source.next().catch((err: unknown) => {
        if (err instanceof SlowConsumerError) return done;
        throw err;
      }),
    return: () => source.return?.() ?? Promise.resolve(done),
    throw: (err: unknown) => source.throw?.(err) ?? Promise.reject(err instanceof Error ? err : new Error(String(err))),
  };
  return iterator;
}

/**
 * A subscription of a principal whose token expires: its results until then, then one UNAUTHENTICATED
 * error, then completion (the source stream is closed). graphql-ws sends the error as a `next` message.
 */
async function* untilExpiry(source: AsyncIterableIterator<ExecutionResult>, expiresAt: Date): AsyncGenerator<ExecutionResult> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, expiresAt.getTime() - Date.now()));
  });
  try {
    for (;;) {
      const next = await Promise.race([source.next(), expiry]);
      if (next === 'expired') {
        yield { errors: [expiredTokenError('subscribe again with a fresh one')] };
        return;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    await source.return?.();
  }
}
