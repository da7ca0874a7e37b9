import type { GraphqlConfig, LimitsConfig } from './config';
import type { Problems } from './config-problems';

/**
 * The `limits` and `graphql` sections of GATEWAY_CONFIG. Part of `loadConfig` (pure; problems name the field).
 */

export const GRAPHQL_KEYS = ['introspection', 'fieldSuggestions', 'graphiql'] as const;

/** Each limit: default, min, max (integers). */
const LIMITS: { readonly [K in keyof LimitsConfig]: readonly [number, number, number] } = {
  maxDepth: [10, 1, 100],
  maxAliases: [15, 0, 1000],
  maxTokens: [1000, 10, 100_000],
  maxDirectives: [50, 0, 1000],
  maxCost: [5000, 1, 1_000_000],
  operationTimeoutMs: [30_000, 100, 600_000],
  maxOperationsPerSocket: [100, 1, 10_000],
  maxSocketsPerClient: [200, 1, 100_000],
  connectionInitTimeoutMs: [5000, 100, 60_000],
  socketMessagesPerSecond: [50, 1, 100_000],
  clientOperationsPerSecond: [100, 1, 100_000],
  subscriptionBufferEntries: [1000, 10, 1_000_000],
};
export const LIMIT_KEYS = Object.keys(LIMITS) as (keyof LimitsConfig)[];

/**
 * The sandbox is one developer's machine: its rate defaults are ten times production's, so a tour, a test
 * suite or a dashboard reloading fast is never refused. Every other limit is the same in both modes.
 */
const SANDBOX_RATE_FACTOR = 10;
const RATE_KEYS: ReadonlySet<keyof LimitsConfig> = new Set(['socketMessagesPerSecond', 'clientOperationsPerSecond']);

export function parseLimits(raw: Record<string, unknown>, p: Problems, sandbox: boolean): LimitsConfig {
  const read = (key: keyof LimitsConfig): number => {
    const [base, min, max] = LIMITS[key];
    const fallback = sandbox && RATE_KEYS.has(key) ? base * SANDBOX_RATE_FACTOR : base;
    return p.num(raw[key], `GATEWAY_CONFIG: limits.${key}`, fallback, min, max);
  };
  const limits = {} as LimitsConfig;
  for (const key of LIMIT_KEYS) limits[key] = read(key);
  return limits;
}

export function parseGraphql(raw: Record<string, unknown>, p: Problems, sandbox: boolean): GraphqlConfig {
  return {
    introspection: p.bool(raw.introspection, 'GATEWAY_CONFIG: graphql.introspection', sandbox),
    fieldSuggestions: p.bool(raw.fieldSuggestions, 'GATEWAY_CONFIG: graphql.fieldSuggestions', sandbox),
    graphiql: p.bool(raw.graphiql, 'GATEWAY_CONFIG: graphql.graphiql', sandbox),
  };
}
