import type { MetricsConfig } from '../config';
import { bearerToken } from '../shared/bearer';
import { secretsEqual } from '../shared/secret-equal';
import { UnreachableCaseError } from '../shared/unreachable';

/**
 * Who may read /metrics on the main port: anyone (`public`), a caller presenting the bearer token
 * (`bearer`), or nobody (`hidden`: no token configured, or metrics served on their own port).
 */
export type MetricsAccess = { kind: 'public' } | { kind: 'bearer'; token: string } | { kind: 'hidden' };

export type MetricsVerdict = 'allow' | 'unauthorized' | 'not-found';

export function metricsAccessFor(config: MetricsConfig): MetricsAccess {
  if (config.port !== null) return { kind: 'hidden' };
  if (config.public) return { kind: 'public' };
  return config.token !== null ? { kind: 'bearer', token: config.token } : { kind: 'hidden' };
}

/** Decides one request to /metrics on the main port from its Authorization header (token compared in constant time). */
export function checkMetricsAccess(access: MetricsAccess, authorization: string | undefined): MetricsVerdict {
  switch (access.kind) {
    case 'public':
      return 'allow';
    case 'hidden':
      return 'not-found';
    case 'bearer': {
      const presented = bearerToken(authorization);
      return presented !== null && secretsEqual(presented, access.token) ? 'allow' : 'unauthorized';
    }
    default:
      throw new UnreachableCaseError(access);
  }
}
