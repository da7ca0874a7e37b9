import type { Role } from '../config';

/**
 * Who is calling: the result of authenticating a request (HTTP) or a connection (graphql-ws). One type for
 * every transport and every kind of credential; resolvers see it as `ctx.principal`.
 */
export interface Principal {
  /** How the caller proved who it is. `anonymous`: sandbox, or production with `auth.allowAnonymous`. */
  kind: 'anonymous' | 'apiKey' | 'jwt';
  /** The API key's configured name, the JWT's `sub`, or `anonymous`. Safe to log. */
  name: string;
  role: Role;
  /** The apps this principal may see and change; null = every app. */
  apps: ReadonlySet<string> | null;
  /** When the credential stops being valid (a JWT's `exp`); null = never. */
  expiresAt: Date | null;
}

/** What app scoping, masking and the auth checker read from the GraphQL context (both transports set it). */
export interface PrincipalContext {
  principal: Principal;
  /**
   * The name of every configured app, whatever this principal may see: a filter or argument naming an app
   * outside it is BAD_USER_INPUT (unknown app), one inside it but outside the principal's apps FORBIDDEN.
   */
  appNames: ReadonlySet<string>;
}

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

/** True when `principal` has `role` or a higher one (admin ⊇ operator ⊇ viewer). */
export function hasRole(principal: Principal, role: Role): boolean {
  return RANK[principal.role] >= RANK[role];
}

/** Party numbers are shown in full to operators and admins; viewers see them masked. */
export function seesPartyNumbers(principal: Principal): boolean {
  return hasRole(principal, 'operator');
}

export function canSeeApp(principal: Principal, app: string): boolean {
  return principal.apps === null || principal.apps.has(app);
}

/** The principal of sandbox mode and of anonymous production requests. */
export function anonymousPrincipal(role: Role): Principal {
  return { kind: 'anonymous', name: 'anonymous', role, apps: null, expiresAt: null };
}
