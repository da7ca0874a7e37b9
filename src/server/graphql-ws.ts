import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  validate,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../errors';
import type { Logger } from '../shared/logger';
import type { ContextFactory } from './context';
import { formatError } from './format-error';
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
}

/** graphql-ws's per-connection context; only used as a key here. */
type WsContext = object;

/**
 * graphql-ws on the HTTP server's `/graphql` path (the router hands over `upgrade` requests). Applies the
 * same error formatting, logging and metrics as the HTTP path; parse and validation failures become
 * `error` messages (codes GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED) instead of closing the socket.
 */
export function createGraphqlWsServer(options: GraphqlWsOptions): GraphqlWsServer {
  const { schema, contextFor, authenticator, logger, metrics } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const connectionIds = new WeakMap<object, string>();
  const operations = new WeakMap<object, Map<string, OperationState>>();
  /** The principal of each socket, authenticated once in `onConnect` from `connectionParams.authorization`. */
  const principals = new WeakMap<object, Principal>();

  const finish = (ctx: WsContext, id: string) => {
    const state = operations.get(ctx)?.get(id);
    if (!state) return;
    operations.get(ctx)?.delete(id);
    reportOperation(logger.child({ requestId: state.requestId }), metrics, {
      transport: 'ws',
      operationName: state.name,
      operationType: state.type,
      durationMs: performance.now() - state.started,
      errors: state.errors,
    });
  };
  const record = (ctx: WsContext, id: string, errors: readonly GraphQLError[], requestError: boolean): GraphQLFormattedError[] => {
    const formatted = errors.map((e) => formatError(withRequestCode(e.toJSON(), e, requestError), e));
    operations.get(ctx)?.get(id)?.errors.push(...formatted.map((f, i) => ({ formatted: f, original: errors[i] })));
    return formatted;
  };

  const server = useServer(
    {
      isProd: true,
      // 4401 when the credential is missing or bad, 4403 when it is valid but may not connect.
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const auth = await authenticator.authenticate(typeof raw === 'string' ? raw : undefined);
        if (auth.ok) {
          principals.set(ctx.extra.socket, auth.principal);
          return true;
        }
        logger.info({ requestId: connectionIds.get(ctx.extra.socket), reason: auth.reason }, 'WebSocket connection refused');
        if (auth.reason === 'unauthenticated') ctx.extra.socket.close(4401, 'Unauthorized');
        return false;
      },
      onSubscribe: (ctx, id, payload) => {
        const requestId = `${connectionIds.get(ctx.extra.socket) ?? 'ws'}:${id}`.slice(0, 128);
        const state: OperationState = { started: performance.now(), requestId, name: payload.operationName ?? null, type: 'unknown', errors: [] };
        if (!operations.has(ctx)) operations.set(ctx, new Map());
        operations.get(ctx)!.set(id, state);
        const principal = principals.get(ctx.extra.socket);
        if (!principal || expired(principal)) {
          return [new GraphQLError('authorization: the token has expired; connect again with a fresh one', { extensions: { code: ErrorCode.Unauthenticated } })];
        }
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          if (err instanceof GraphQLError) return [withCode(err, 'GRAPHQL_PARSE_FAILED')];
          throw err;
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unable to identify the operation to run', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        state.name = operation.name?.value ?? state.name;
        state.type = operation.operation;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextFor(requestId, 'ws', principal),
        };
      },
      onOperation: (ctx, _id, _payload, _args, result) => {
        const principal = principals.get(ctx.extra.socket);
        if (principal?.expiresAt && isAsyncIterable(result)) return untilExpiry(result, principal.expiresAt);
        return undefined;
      },
      onNext: (ctx, id, _payload, _args, result: ExecutionResult) => {
        if (!result.errors) return;
        return { ...result, errors: record(ctx, id, result.errors, !('data' in result)) };
      },
      onError: (ctx, id, _payload, errors) => {
        const formatted = record(ctx, id, errors, false);
        finish(ctx, id);
        return formatted;
      },
      onComplete: (ctx, id) => finish(ctx, id),
    },
    wss,
  );

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const connectionId = requestIdFrom(req.headers['x-request-id']);
    connectionIds.set(socket, connectionId);
    // Socket errors are protocol violations by the client (e.g. a message over maxPayloadBytes); ws has
    // already started closing (1009, 1002…). graphql-ws's own listener would print them with console.error:
    // log them here instead.
    socket.removeAllListeners('error');
    socket.on('error', (err) => {
      logger.warn({ requestId: connectionId, err }, 'WebSocket closed after a protocol error');
      if (socket.readyState === WebSocket.OPEN) socket.close(1011, 'Internal server error');
    });
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
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

function expired(principal: Principal): boolean {
  return principal.expiresAt !== null && principal.expiresAt.getTime() <= Date.now();
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterableIterator<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
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
        yield { errors: [new GraphQLError('authorization: the token has expired; subscribe again with a fresh one', { extensions: { code: ErrorCode.Unauthenticated } })] };
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
