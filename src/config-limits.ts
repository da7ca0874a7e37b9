import type { z } from 'zod';
import { bool, int, section } from './config-fields';

/** The `limits` and `graphql` sections of GATEWAY_CONFIG. */

/** Limits every GraphQL operation meets, on HTTP and WebSocket alike: [default, min, max], integers. */
const LIMITS = {
  /** Deepest selection nesting, fields; deeper → QUERY_TOO_DEEP. */
  maxDepth: [10, 1, 100],
  /** Aliases per operation; more → TOO_MANY_ALIASES. */
  maxAliases: [15, 0, 1000],
  /** Lexical tokens per document, counted while parsing; more → TOO_MANY_TOKENS. */
  maxTokens: [1000, 10, 100_000],
  /** Directives per operation; more → TOO_MANY_DIRECTIVES. */
  maxDirectives: [50, 0, 1000],
  /** Estimated cost per operation: each field 1, a connection `first` × its selection; more → QUERY_TOO_COMPLEX. */
  maxCost: [5000, 1, 1_000_000],
  /** Deadline of one HTTP operation, milliseconds; past it → OPERATION_TIMEOUT and the work is aborted. */
  operationTimeoutMs: [30_000, 100, 600_000],
  /** Operations and subscriptions running at once on one WebSocket; more → TOO_MANY_OPERATIONS. */
  maxOperationsPerSocket: [100, 1, 10_000],
  /** Open WebSockets per client address; the upgrade beyond is answered 429. */
  maxSocketsPerClient: [200, 1, 100_000],
  /** How long a new WebSocket may wait before `connection_init`, milliseconds; then closed with 4408. */
  connectionInitTimeoutMs: [5000, 100, 60_000],
  /** Subscribe messages per second on one WebSocket; more → RATE_LIMITED for that operation. */
  socketMessagesPerSecond: [50, 1, 100_000],
  /** Operations per second per client address, HTTP and WebSocket together; more → RATE_LIMITED (HTTP 429). */
  clientOperationsPerSecond: [100, 1, 100_000],
  /**
   * Entries one subscription holds that its client has not taken yet; past it the subscription catches up
   * from the store at its client's pace, and if the client then takes nothing while more arrive it is cut
   * and its WebSocket closed with 4008 (resume with `after:` the last cursor received).
   */
  subscriptionBufferEntries: [1000, 10, 1_000_000],
} as const satisfies Record<string, readonly [number, number, number]>;

export type LimitsConfig = { -readonly [K in keyof typeof LIMITS]: number };

/**
 * The sandbox is one developer's machine: its rate defaults are ten times production's, so a tour, a test
 * suite or a dashboard reloading fast is never refused. Every other limit is the same in both modes.
 */
const SANDBOX_RATE_FACTOR = 10;
const RATE_KEYS: ReadonlySet<string> = new Set(['socketMessagesPerSecond', 'clientOperationsPerSecond']);

export function limitsSchema(sandbox: boolean) {
  const shape = Object.fromEntries(
    Object.entries(LIMITS).map(([key, [base, min, max]]) => [key, int(sandbox && RATE_KEYS.has(key) ? base * SANDBOX_RATE_FACTOR : base, min, max)]),
  ) as { [K in keyof LimitsConfig]: ReturnType<typeof int> };
  return section(shape).prefault({});
}

/** What the GraphQL endpoint shows about itself; every default: true in sandbox, false in production. */
export function graphqlSchema(sandbox: boolean) {
  return section({
    /** `__schema` / `__type` answered, on HTTP and WebSocket. */
    introspection: bool(sandbox),
    /** "Did you mean …" in validation errors. */
    fieldSuggestions: bool(sandbox),
    /** `GET /graphql` from a browser serves GraphiQL (else 404). */
    graphiql: bool(sandbox),
  }).prefault({});
}

export type GraphqlConfig = z.output<ReturnType<typeof graphqlSchema>>;
