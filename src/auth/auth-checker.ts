import type { AuthChecker } from 'type-graphql';
import type { Role } from '../config';
import { ErrorCode, GatewayError } from '../errors';
import { hasRole, type PrincipalContext } from './principal';

/**
 * The one authChecker of the schema (type-graphql `@Authorized`), the same on HTTP and WebSocket.
 * `@Authorized()` = any role; `@Authorized('operator')` = that role or a higher one. Its errors carry
 * stable codes: UNAUTHENTICATED without a principal, FORBIDDEN naming the role needed.
 */
export const authChecker: AuthChecker<Partial<PrincipalContext>, Role> = ({ context, info }, roles) => {
  const principal = context.principal;
  if (!principal) throw new GatewayError(ErrorCode.Unauthenticated, 'authorization: a Bearer token is required');
  const needed: Role = roles[0] ?? 'viewer';
  if (hasRole(principal, needed)) return true;
  throw new GatewayError(ErrorCode.Forbidden, `${info.fieldName} needs the ${needed} role; "${principal.name}" is ${principal.role}`, { requiredRole: needed });
};
