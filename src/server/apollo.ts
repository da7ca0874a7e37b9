import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { formatError } from './format-error';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';
import { reportOperation } from './operation-log';

/**
 * Apollo Server for the HTTP path. Apollo's landing page (it loads from a CDN) is disabled: our own GraphiQL
 * is served instead. Stack traces never reach responses; `formatError` masks unknown errors.
 */
export function createApollo(schema: GraphQLSchema, metrics: GatewayMetrics): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Requests must not be "simple" CORS requests: POST needs a JSON content type, GET an
    // `apollo-require-preflight` (or `x-apollo-operation-name`) header.
    csrfPrevention: true,
    plugins: [ApolloServerPluginLandingPageDisabled(), operationLogPlugin(metrics)],
  });
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
