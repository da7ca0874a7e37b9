import { GraphQLError, type ASTNode } from 'graphql';
import { type ErrorCode, GatewayError } from '../../errors';

/** The refusal codes of the document limits (parse and validation). */
export type DocumentLimitCode = ErrorCode.QueryTooDeep | ErrorCode.TooManyAliases | ErrorCode.TooManyTokens | ErrorCode.TooManyDirectives | ErrorCode.QueryTooComplex;

/**
 * A refused document as a GraphQL error whose original error is a GatewayError: `formatError` then answers
 * with its code and extensions (`limit` and the figure found) on both transports, whatever wrapping Apollo
 * (ValidationError, SyntaxError) or graphql-ws adds on the way.
 */
export function limitError(code: DocumentLimitCode, message: string, extensions: Record<string, number>, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, originalError: new GatewayError(code, message, extensions), extensions: { code, ...extensions } });
}
