import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { type DocumentNode, GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { formatError } from './format-error';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';
import { checkCost } from './limits/cost';
import type { GatewayLimits } from './limits/limits';
import { reportOperation } from './operation-log';
import { silentLogger, type Logger } from '../shared/logger';

/**
 * Apollo's own log lines (start-up warnings, errors it catches outside an operation) through our pino
 * logger, so they are masked and formatted like every other line instead of going to the console.
 */
type ApolloLogger = NonNullable<ApolloServerOptions<GatewayContext>['logger']>;

export function apolloLogger(logger: Logger): ApolloLogger {
  const log = logger.child({ component: 'apollo' });
  return {
    debug: (message?: unknown) => log.debug('%s', message),
    info: (message?: unknown) => log.info('%s', message),
    warn: (message?: unknown) => log.warn('%s', message),
    error: (message?: unknown) => (message instanceof Error ? log.error(message) : log.error('%s', message)),
  };
}

/**
 * Apollo Server for the HTTP path. Apollo's landing page (it loads from a CDN) is disabled: our own GraphiQL
 * is served instead; cache control, inline traces and usage/schema reporting are off (see `plugins`). Stack traces never reach responses; `formatError` masks unknown errors. The document
 * limits and the cost limit are the ones graphql-ws applies (`limits`). Apollo logs through `logger`.
 */
export function createApollo(schema: GraphQLSchema, metrics: GatewayMetrics, limits: GatewayLimits, logger: Logger = silentLogger()): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    schema,
    logger: apolloLogger(logger),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Introspection off is the shared rule list's NoSchemaIntrospectionCustomRule, on both transports alike;
    // Apollo's own rule would only add a second, differently worded error.
    introspection: true,
    parseOptions: limits.document.parseOptions,
    validationRules: [...limits.document.validationRules],
    validationOptions: limits.document.validationOptions,
    // Requests must not be "simple" CORS requests: POST needs a JSON content type, GET an
    // `apollo-require-preflight` (or `x-apollo-operation-name`) header.
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Per-request work that does nothing for this gateway: cache-control hints (no response cache and no
      // CDN reads them; the plugin walks every resolved field), federated inline traces (asked for by a
      // header, a subgraph feature), usage and schema reporting to Apollo's cloud (never wanted, even when
      // an APOLLO_KEY happens to be in the environment: operations carry personal data).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      operationLogPlugin(metrics),
      costLimitPlugin(schema, limits.config.maxCost),
    ],
  });
}

/**
 * QUERY_TOO_COMPLEX (HTTP 400) before execution, once the operation and its variables are known. An operation
 * without variables costs the same every time: its verdict is kept with its parsed document (Apollo's document
 * store hands out the same DocumentNode for the same text), so a repeated query is not walked again.
 */
function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<GatewayContext> {
  const verdicts = new WeakMap<DocumentNode, Map<string | null, GraphQLError | null>>();
  const verdictOf = (document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName: string | null, variables: Record<string, unknown> | undefined) => {
    if (!operation || operation.variableDefinitions?.length) return checkCost(schema, maxCost, document, operationName, variables);
    let byName = verdicts.get(document);
    if (!byName) verdicts.set(document, (byName = new Map()));
    let verdict = byName.get(operationName);
    if (verdict === undefined) byName.set(operationName, (verdict = checkCost(schema, maxCost, document, operationName, variables)));
    return verdict;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request }) {
          const refused = verdictOf(document, operation, operationName, request.variables);
          if (refused) throw new GraphQLError(refused.message, { originalError: refused.originalError, extensions: { ...refused.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}

/** Reports every HTTP operation once, at the end, with the formatted errors it answered with. */
function operationLogPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      let thrown: readonly unknown[] = [];
      return {
        async didEncounterErrors({ errors }) {
          thrown = errors;
        },
        async willSendResponse({ response, operationName, operation }) {
          const body = response.body;
          const sent = body.kind === 'single' ? (body.singleResult.errors ?? []) : (body.initialResult.errors ?? []);
          reportOperation(contextValue.logger, metrics, {
            transport: 'http',
            operationName: operationName ?? null,
            operationType: operation?.operation ?? 'unknown',
            durationMs: performance.now() - started,
            errors: sent.map((formatted, i) => ({ formatted, original: thrown[i] ?? formatted })),
          });
        },
      };
    },
  };
}
