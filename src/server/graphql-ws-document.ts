import { type DocumentNode, getOperationAST, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule, validate } from 'graphql';
import { withCode } from './graphql-ws-errors';
import { checkCost } from './limits/cost';
import type { GatewayLimits } from './limits/limits';
import { parseDocument } from './limits/validation-rules';

/**
 * The document checks HTTP applies too, for one `subscribe` message: parse (with the document limits),
 * validation (the standard rules plus the limit rules), the operation to run, the cost limit. The errors
 * carry the codes Apollo gives on HTTP (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, …).
 */
export function checkDocument(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  limits: GatewayLimits,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
): { document: DocumentNode; operation: OperationDefinitionNode } | GraphQLError[] {
  const document = parseDocument(payload.query, limits.document);
  if (document instanceof GraphQLError) return [withCode(document, document.extensions.code ? String(document.extensions.code) : 'GRAPHQL_PARSE_FAILED')];
  const invalid = validate(schema, document, rules, limits.document.validationOptions);
  if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [new GraphQLError('Unable to identify the operation to run', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
  const tooCostly = checkCost(schema, limits.config.maxCost, document, payload.operationName, payload.variables);
  if (tooCostly) return [tooCostly];
  return { document, operation };
}
