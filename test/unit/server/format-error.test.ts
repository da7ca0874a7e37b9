import { GraphQLError } from 'graphql';
import { ErrorCode, GatewayError, UserInputError } from '../../../src/errors';
import { PlatformError } from '../../../src/platform';
import { formatError, MASKED_MESSAGE } from '../../../src/server/format-error';

/** What graphql-js and Apollo hand to formatError for an error thrown inside a resolver. */
function fromResolver(thrown: Error, code = ErrorCode.InternalServerError): { formatted: ReturnType<GraphQLError['toJSON']>; error: GraphQLError } {
  const error = new GraphQLError(thrown.message, { path: ['apps', 0], originalError: thrown });
  const formatted = { ...error.toJSON(), extensions: { code, stacktrace: ['at somewhere'] } };
  return { formatted, error };
}

const operation = { name: 'AXB-1 bind', method: 'POST' as const, uri: '/rest/caas/relationnumber/partners/v1.0' };

describe('formatError', () => {
  it('keeps a GatewayError: its message, code and extensions, with the path', () => {
    const { formatted, error } = fromResolver(new UserInputError('input.partyA', 'must be in global format'));
    expect(formatError(formatted, error)).toEqual({
      message: 'input.partyA: must be in global format',
      path: ['apps', 0],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.partyA' },
    });
  });

  it('translates a PlatformError through the result code table', () => {
    const refused = new PlatformError(operation, { kind: 'timeout', retryable: false, reason: 'no answer in 10000 ms' });
    const { formatted, error } = fromResolver(refused);
    const out = formatError(formatted, error);
    expect(out.extensions).toMatchObject({ code: ErrorCode.PlatformUnavailable, retryable: false });
    expect(out.message).not.toContain('at somewhere');
  });

  it('masks anything unknown, dropping message and stack', () => {
    const { formatted, error } = fromResolver(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(formatError(formatted, error)).toEqual({ message: MASKED_MESSAGE, path: ['apps', 0], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks an error that has no code at all', () => {
    const error = new GraphQLError('Cannot return null for non-nullable field App.name.', { originalError: new Error('x') });
    expect(formatError(error.toJSON(), error).message).toBe(MASKED_MESSAGE);
  });

  it('keeps errors that already carry a public code, minus the stack trace', () => {
    const error = new GraphQLError('Cannot query field "secret" on type "App".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const formatted = { ...error.toJSON(), locations: [{ line: 1, column: 10 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['x'] } };
    expect(formatError(formatted, error)).toEqual({
      message: 'Cannot query field "secret" on type "App".',
      locations: [{ line: 1, column: 10 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('finds a GatewayError wrapped more than once (subscription streams)', () => {
    const inner = new GatewayError(ErrorCode.NotFound, 'No binding with this id');
    const wrapped = new GraphQLError('outer', { originalError: new GraphQLError('inner', { originalError: inner }) });
    expect(formatError(wrapped.toJSON(), wrapped)).toEqual({ message: 'No binding with this id', extensions: { code: 'NOT_FOUND' } });
  });
});
