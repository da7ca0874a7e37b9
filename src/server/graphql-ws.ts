import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema, specifiedRules, subscribe } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { SLOW_CONSUMER_CLOSE_CODE } from '../events/log-reader';
import type { SubscriptionKind } from '../events/stream-observer';
import type { Logger } from '../shared/logger';
import type { ContextFactory } from './context';
import { formatError } from './format-error';
import { clientAddress } from './limits/client-address';
import type { GatewayLimits } from './limits/limits';
import { type OperationSignal, operationSignal } from './limits/operation-signal';
import { rateLimitedError } from './limits/rate-limit';
import { tooManyOperationsError } from './limits/socket-limits';
import type { GatewayMetrics } from './metrics';
import { reportOperation } from './operation-log';
import { requestIdFrom } from './request-id';
import { type AuthenticatedSocket, authenticateConnection, expired } from './graphql-ws-auth';
import { checkDocument } from './graphql-ws-document';
import { asGraphqlError, expiredTokenError, withRequestCode } from './graphql-ws-errors';
import { expiredSubscriptionResult, isAsyncIterable, untilCut, untilExpiry } from './graphql-ws-streams';
import { shareKeyOf, subscriptionKindOf } from './share-key';
import { SharedSubscriber } from './shared-subscriber';
import { type ShareRequest, SharedSubscriptions } from './shared-subscriptions';

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
  /** The subscription field, when the operation subscribes to a known one (metrics label). */
  kind: SubscriptionKind | null;
  errors: { formatted: GraphQLFormattedError; original: unknown }[];
  /** `ctx.signal` of the operation: aborted when it completes, its client completes it or the socket closes. */
  abort: OperationSignal;
}

/** What the server knows of one socket. */
interface SocketState extends AuthenticatedSocket {
  /** Unique per socket (the connection id comes from a client header): the key of the per-socket rate. */
  rateKey: string;
  address: string;
  /** Operations running on this socket by id, bounded by `maxOperationsPerSocket`. */
  operations: Map<string, OperationState>;
}

/**
 * graphql-ws on the HTTP server's `/graphql` path (the router hands over `upgrade` requests). Applies the
 * same document limits, cost limit, error formatting, logging and metrics as the HTTP path; parse,
 * validation and limit failures become `error` messages (codes GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED, QUERY_TOO_DEEP, …) instead of closing the socket. Per socket: at most
 * `maxOperationsPerSocket` operations at once (TOO_MANY_OPERATIONS), `socketMessagesPerSecond` subscribes
 * (RATE_LIMITED), `connection_init` within `connectionInitTimeoutMs` (else 4408); a subscription whose
 * client stalls is cut and its socket closed with SLOW_CONSUMER_CLOSE_CODE (4008). Identical live
 * subscriptions share one execution per event and its bytes (shared-subscriptions.ts, share-key.ts).
 */
export function createGraphqlWsServer(options: GraphqlWsOptions): GraphqlWsServer {
  const { schema, contextFor, authenticator, logger, metrics, limits } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const sockets = new WeakMap<WebSocket, SocketState>();
  const rules = [...specifiedRules, ...limits.document.validationRules];
  let socketCount = 0;

  const finish = (socket: WebSocket, id: string) => {
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
  const format = (errors: readonly GraphQLError[], requestError: boolean): GraphQLFormattedError[] =>
    errors.map((e) => formatError(withRequestCode(e.toJSON(), e, requestError), e));
  const keep = (state: OperationState | undefined, formatted: GraphQLFormattedError[], errors: readonly unknown[]) =>
    state?.errors.push(...formatted.map((f, i) => ({ formatted: f, original: errors[i] })));
  const record = (socket: WebSocket, id: string, errors: readonly GraphQLError[], requestError: boolean): GraphQLFormattedError[] => {
    const formatted = format(errors, requestError);
    keep(sockets.get(socket)?.operations.get(id), formatted, errors);
    return formatted;
  };
  // A subscription whose client stalls is cut: the socket is closed at once, even if its client reads
  // nothing any more, telling the client to resume from its cursor.
  const cutSocket = (socket: WebSocket, requestId: string) => {
    logger.info({ requestId, limit: limits.config.subscriptionBufferEntries }, 'subscription cut: its client stalled; closing the socket');
    if (socket.readyState === WebSocket.OPEN) socket.close(SLOW_CONSUMER_CLOSE_CODE, 'Slow consumer: resume with after: your last cursor');
  };
  const shared = new SharedSubscriptions({
    bufferEntries: limits.config.subscriptionBufferEntries,
    formatErrors: format,
    observer: metrics.streams,
    executed: (kind, deliveries) => metrics.subscriptionExecuted(kind, deliveries),
  });
  /** What the `subscribe` hook needs of a shareable operation, by the exact arguments `onSubscribe` returned. */
  const shareRequests = new WeakMap<ExecutionArgs, ShareRequest>();

  const server = useServer(
    {
      isProd: true,
      connectionInitWaitTimeout: limits.config.connectionInitTimeoutMs,
      onConnect: authenticateConnection(authenticator, logger, (socket) => sockets.get(socket)),
      // A shareable subscription joins (or opens) its shared group; any other operation runs as graphql-ws would.
      subscribe: (args) => {
        const request = shareRequests.get(args);
        return request ? shared.subscribe(args, request) : subscribe(args);
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
          kind: null,
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
        const checked = checkDocument(schema, rules, limits, payload);
        if (Array.isArray(checked)) return checked;
        const { document, operation } = checked;
        state.name = operation.name?.value ?? state.name;
        state.type = operation.operation;
        state.kind = subscriptionKindOf(operation);
        const socket = ctx.extra.socket;
        const share = shareKeyOf(operation, payload, principal);
        if (share) {
          const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: undefined };
          // The shared execution's context: the view every sharer has (role and apps), under no sharer's name and
          // without an expiry (applied per subscriber), so no sharer's name reaches another in a message and the
          // execution's log lines say whose view they ran as. The request id is this first sharer's.
          const view: Principal = { kind: principal.kind, name: `shared ${principal.role} view`, role: principal.role, apps: principal.apps, expiresAt: null };
          shareRequests.set(args, {
            ...share,
            context: (signal, onSlowConsumer) => {
              const contextValue = contextFor(requestId, 'ws', view, signal);
              contextValue.events = { ...contextValue.events, onSlowConsumer };
              return contextValue;
            },
            subscriber: {
              socket,
              id,
              expiresAt: principal.expiresAt,
              expiredResult: expiredSubscriptionResult,
              onCut: () => cutSocket(socket, requestId),
            },
            onErrors: (formatted, original) => keep(state, formatted, original),
          });
          return args;
        }
        const contextValue = contextFor(requestId, 'ws', principal, state.abort.signal);
        // log-reader.ts cuts a stream whose consumer took nothing while more than `subscriptionBufferEntries` piled up.
        contextValue.events = { ...contextValue.events, onSlowConsumer: () => cutSocket(socket, requestId) };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onOperation: (ctx, _id, _payload, _args, result) => {
        // A shared subscriber applies its cut and its expiry itself.
        if (!isAsyncIterable<ExecutionResult>(result) || result instanceof SharedSubscriber) return undefined;
        const principal = sockets.get(ctx.extra.socket)?.principal;
        return untilCut(principal?.expiresAt ? untilExpiry(result, principal.expiresAt) : result);
      },
      onNext: (ctx, id, _payload, _args, result: ExecutionResult) => {
        const state = sockets.get(ctx.extra.socket)?.operations.get(id);
        // An executed event of a subscription that runs on its own (an expiry error has no `data`).
        if (state?.kind && 'data' in result) metrics.subscriptionExecuted(state.kind, 1);
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
