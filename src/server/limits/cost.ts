import { type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../../errors';
import { limitError } from './limit-error';

/**
 * The estimated cost of one operation: every field costs 1 plus its selection, and a field with a
 * `complexity` extension (type-graphql's `complexity` option, e.g. `pageCost` on connections) says its own
 * cost. Needs the variables, so it runs once the operation is known: Apollo's `didResolveOperation`, graphql-ws
 * `onSubscribe`. Null when the cost cannot be computed (variables that do not coerce): execution then
 * refuses the operation with BAD_USER_INPUT before any resolver runs.
 */
export function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return null;
  }
}

/** QUERY_TOO_COMPLEX (extensions `limit`, `cost`) when the operation costs more than `maxCost`, else null. */
export function checkCost(
  schema: GraphQLSchema,
  maxCost: number,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  const cost = costOf(schema, document, operationName, variables);
  if (cost === null || cost <= maxCost) return null;
  return limitError(ErrorCode.QueryTooComplex, `Query cost limit of ${maxCost} exceeded, estimated ${cost}.`, { limit: maxCost, cost });
}
