import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, GatewayError } from '../errors';

/** A GatewayError as the GraphQL error graphql-ws sends; `formatError` gives it its code and extensions. */
export function asGraphqlError(error: GatewayError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, code: error.code } });
}

/** The same error with a public `extensions.code`, as Apollo gives parse and validation errors on HTTP. */
export function withCode(error: GraphQLError, code: string): GraphQLError {
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
export function withRequestCode(formatted: GraphQLFormattedError, error: GraphQLError, requestError: boolean): GraphQLFormattedError {
  if (!requestError || error.path || formatted.extensions?.code) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
}

/** UNAUTHENTICATED for an operation of a socket whose token has run out; `then` tells the client what to do. */
export function expiredTokenError(then: string): GraphQLError {
  return asGraphqlError(new GatewayError(ErrorCode.Unauthenticated, `authorization: the token has expired; ${then}`));
}
