import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, GatewayError } from '../errors';
import { PlatformError } from '../platform';
import { toGatewayError } from '../result-codes';
import { toTokenLimitError } from './limits/validation-rules';

/**
 * The one place where errors become public, for HTTP (Apollo's `formatError`) and WebSocket alike:
 * - GatewayError (and PlatformError, translated by the result code table) → its message, code and extensions;
 * - errors that already carry a public code (parse, validation, variable coercion, type-graphql argument
 *   validation) → unchanged, minus any stack trace; a variable that does not coerce also names its
 *   `field` (`input.partyA`) and loses the rejected value from the message;
 * - anything else → "Internal server error" with code INTERNAL_SERVER_ERROR. The details are logged with
 *   the request id by the operation log, never sent.
 */
export const MASKED_MESSAGE = 'Internal server error';

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  // Apollo parses HTTP documents itself: its token-limit syntax error becomes TOO_MANY_TOKENS here.
  const tokenLimit = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? toTokenLimitError(formatted) : null;
  const gateway = toPublicError(tokenLimit ?? error);
  if (gateway) return { message: gateway.message, ...where, extensions: { ...gateway.extensions, code: gateway.code } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.InternalServerError) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    const variable = code === ErrorCode.BadUserInput ? fromVariableError(formatted.message) : null;
    if (variable) return { message: variable.message, ...where, extensions: { ...extensions, field: variable.field } };
    return { message: formatted.message, ...where, extensions };
  }
  return { message: MASKED_MESSAGE, ...where, extensions: { code: ErrorCode.InternalServerError } };
}

/**
 * graphql-js reports a variable that does not coerce as `Variable "$input" got invalid value "…" at
 * "input.partyA"; <reason>`. Rewritten as `input.partyA: <reason>` with `field`, like every other input
 * error, and without the value: it is often a phone number, personal data that would end up in logs.
 */
const INVALID_VARIABLE = /^Variable "\$([A-Za-z_]\w*)" got invalid value [\s\S]*?(?: at "([^"]+)")?; ([\s\S]*)$/;
const MISSING_VARIABLE = /^Variable "\$([A-Za-z_]\w*)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/;

export function fromVariableError(message: string): { message: string; field: string } | null {
  const invalid = INVALID_VARIABLE.exec(message);
  if (invalid) {
    const missingField = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/.exec(invalid[3]);
    const field = `${invalid[2] ?? invalid[1]}${missingField ? `.${missingField[1]}` : ''}`;
    return { message: `${field}: ${missingField ? 'is required' : invalid[3]}`, field };
  }
  const missing = MISSING_VARIABLE.exec(message);
  if (missing) return { message: `${missing[1]}: is required`, field: missing[1] };
  return null;
}

/** The GatewayError an error stands for, looking through GraphQL's wrapping; null when it is not one of ours. */
export function toPublicError(error: unknown): GatewayError | null {
  let current = error;
  for (let depth = 0; current instanceof GraphQLError && current.originalError && depth < 5; depth++) current = current.originalError;
  if (current instanceof GatewayError) return current;
  if (current instanceof PlatformError) return toGatewayError(current);
  return null;
}

/** True when `formatError` would mask this error: it is a bug or an unexpected failure, logged at error level. */
export function isInternalError(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === ErrorCode.InternalServerError;
}
