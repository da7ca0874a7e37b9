import { ErrorCode, GatewayError } from '../errors';
import { canSeeApp, type Principal } from './principal';

/**
 * App scope: a principal limited to some apps sees only their objects. Lists and streams are filtered to
 * those apps; naming another app (a filter, a mutation argument) is FORBIDDEN; an object of another app
 * looked up by id is reported as not found, exactly like an id that does not exist.
 */

/** Throws FORBIDDEN when `app` is outside the principal's apps; `field` names the argument that named it. */
export function checkAppAllowed(principal: Principal, app: string, field: string): void {
  if (!canSeeApp(principal, app)) {
    throw new GatewayError(ErrorCode.Forbidden, `${field}: "${principal.name}" may not use app "${app}"`, { field });
  }
}

/**
 * The apps a list or stream may show: `[requested]` when a filter names one (FORBIDDEN outside the
 * scope), else the principal's apps, or undefined for "every app".
 */
export function appsInScope(principal: Principal, requested: string | null | undefined, field: string): readonly string[] | undefined {
  if (requested != null) {
    checkAppAllowed(principal, requested, field);
    return [requested];
  }
  return principal.apps === null ? undefined : [...principal.apps];
}

/** `value` when it belongs to an app the principal may see, else null (a lookup of another app's object). */
export function visibleOrNull<T extends { app: string | null }>(principal: Principal, value: T | null): T | null {
  if (value === null) return null;
  if (principal.apps === null) return value;
  return value.app !== null && principal.apps.has(value.app) ? value : null;
}
