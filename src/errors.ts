/**
 * Public error codes: the `extensions.code` of every GraphQL error. Stable; frontends switch on them.
 * Translation from internal errors (PlatformError, validation) happens in one place: server/format-error.ts.
 */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  NumberUnavailable = 'NUMBER_UNAVAILABLE',
  PlatformRejected = 'PLATFORM_REJECTED',
  PlatformUnavailable = 'PLATFORM_UNAVAILABLE',
  RateLimited = 'RATE_LIMITED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  /** An `after:` cursor older than what the retention purge kept: the stream cannot resume without a gap. */
  CursorExpired = 'CURSOR_EXPIRED',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
  /** The document nests selections deeper than `limits.maxDepth`; extensions `limit`, `depth`. */
  QueryTooDeep = 'QUERY_TOO_DEEP',
  /** More aliases than `limits.maxAliases`; extensions `limit`, `aliases`. */
  TooManyAliases = 'TOO_MANY_ALIASES',
  /** More lexical tokens than `limits.maxTokens` (refused while parsing); extensions `limit`. */
  TooManyTokens = 'TOO_MANY_TOKENS',
  /** More directives than `limits.maxDirectives`; extensions `limit`, `directives`. */
  TooManyDirectives = 'TOO_MANY_DIRECTIVES',
  /** The estimated cost (page sizes × selections) exceeds `limits.maxCost`; extensions `limit`, `cost`. */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** An HTTP operation ran past `limits.operationTimeoutMs` and was aborted; extensions `limit` (ms). */
  OperationTimeout = 'OPERATION_TIMEOUT',
  /** The client went away (closed request, socket or subscription); the work was aborted. Seen only in logs. */
  OperationCancelled = 'OPERATION_CANCELLED',
  /** A socket already runs `limits.maxOperationsPerSocket` operations; extensions `limit`. */
  TooManyOperations = 'TOO_MANY_OPERATIONS',
}

/** An error whose message is safe to show to API users, with a stable code and extra extensions. */
export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** Bad input, detected before any platform call. `field` is the input path, e.g. `input.partyA`. */
export class UserInputError extends GatewayError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(ErrorCode.BadUserInput, `${field}: ${reason}`, { field });
    this.name = 'UserInputError';
  }
}

/** Start-up configuration problems, reported all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
