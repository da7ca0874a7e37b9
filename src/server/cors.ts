import { UnreachableCaseError } from '../shared/unreachable';

/**
 * Which browser origins may use /graphql, over HTTP (CORS) and WebSocket (the `Origin` of the upgrade).
 * One allow-list (`cors.allowedOrigins`), one matcher for both paths. A request without an `Origin` header
 * is not a browser's cross-origin request and is not affected; a page served by the gateway itself
 * (GraphiQL) is same-origin and always allowed.
 */

/** An entry of `cors.allowedOrigins`: `*`, an exact origin, or any port of one scheme and host. */
export type OriginPattern =
  | { kind: 'any' }
  | { kind: 'exact'; origin: string }
  | { kind: 'anyPort'; protocol: string; hostname: string };

/** Methods and request headers a preflight may ask for. */
export const CORS_ALLOW_METHODS = 'GET, POST, OPTIONS';
export const CORS_ALLOW_HEADERS = 'authorization, content-type, apollo-require-preflight, x-request-id, x-apollo-operation-name';
/** How long a browser may cache a preflight answer, seconds. */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * `*`, `scheme://host[:port]` (http or https, no path) or `scheme://host:*`. Null when malformed. The
 * canonical text (`formatOriginPattern`) lower-cases the host and drops a default port.
 */
export function parseOriginPattern(text: string): OriginPattern | null {
  if (text === '*') return { kind: 'any' };
  const m = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}|\*))?$/.exec(text);
  if (!m) return null;
  const [, scheme, host, port] = m;
  const url = parseUrl(`${scheme}://${host}${port && port !== '*' ? `:${port}` : ''}`);
  if (!url || url.origin === 'null') return null;
  if (port === '*') return { kind: 'anyPort', protocol: url.protocol, hostname: url.hostname };
  return { kind: 'exact', origin: url.origin };
}

export function formatOriginPattern(pattern: OriginPattern): string {
  switch (pattern.kind) {
    case 'any':
      return '*';
    case 'exact':
      return pattern.origin;
    case 'anyPort':
      return `${pattern.protocol}//${pattern.hostname}:*`;
    default:
      throw new UnreachableCaseError(pattern);
  }
}

/** The allow-list as a predicate over `Origin` header values. */
export class OriginPolicy {
  private readonly patterns: readonly OriginPattern[];

  /** `allowedOrigins` as `loadConfig` validated them; an entry that does not parse matches nothing. */
  constructor(allowedOrigins: readonly string[]) {
    this.patterns = allowedOrigins.map(parseOriginPattern).filter((p): p is OriginPattern => p !== null);
  }

  /**
   * Whether a request carrying `Origin: <origin>` may be served. `host` is the request's Host header: an
   * origin naming this very host and port is same-origin (the gateway's own GraphiQL page) and allowed.
   */
  allows(origin: string, host: string | undefined): boolean {
    if (this.patterns.some((p) => p.kind === 'any')) return true;
    const url = parseUrl(origin);
    // A browser sends exactly `scheme://host[:port]`; anything else (a path, `null`, another scheme) is refused.
    if (!url || url.origin !== origin.toLowerCase() || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
    if (host !== undefined && parseUrl(`${url.protocol}//${host}`)?.host === url.host) return true;
    return this.patterns.some((p) => matches(p, url));
  }
}

function matches(pattern: OriginPattern, url: URL): boolean {
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'exact':
      return pattern.origin === url.origin;
    case 'anyPort':
      return pattern.protocol === url.protocol && pattern.hostname === url.hostname;
    default:
      throw new UnreachableCaseError(pattern);
  }
}

/** Headers of a 204 answer to an allowed preflight. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    'access-control-allow-methods': CORS_ALLOW_METHODS,
    'access-control-allow-headers': CORS_ALLOW_HEADERS,
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
  };
}

/** Headers of an actual response to an allowed cross-origin request. */
export function responseHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'x-request-id' };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
