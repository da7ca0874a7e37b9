import { ErrorCode, GatewayError, UserInputError } from '../errors';
import { canSeeApp, type Principal, type PrincipalContext } from './principal';

/**
 * App scope: a principal limited to some apps sees only their objects. Lists and streams are filtered to
 * those apps; naming an app that is not configured is BAD_USER_INPUT (rather than an empty list or a stream
 * that never delivers); naming a configured app outside the scope is FORBIDDEN; an object of another app
 * looked up by id is reported as not found, exactly like an id that does not exist.
 */

/**
 * Throws BAD_USER_INPUT when no app `app` is configured (listing the apps the principal may use), FORBIDDEN
 * when it is outside the principal's apps; `field` names the argument that named it.
 */
export function checkAppAllowed(ctx: PrincipalContext, app: string, field: string): void {
  const { principal, appNames } = ctx;
  if (!appNames.has(app)) {
    const usable = [...appNames].filter((name) => canSeeApp(principal, name));
    throw new UserInputError(field, `no app "${app}" is configured; configured apps: ${usable.map((n) => `"${n}"`).join(', ') || '(none)'}`);
  }
  if (!canSeeApp(principal, app)) {
    throw new GatewayError(ErrorCode.Forbidden, `${field}: "${principal.name}" may not use app "${app}"`, { field });
  }
}

/**
 * The apps a list or stream may show: `[requested]` when a filter names one (BAD_USER_INPUT when not
 * configured, FORBIDDEN outside the scope), else the principal's apps, or undefined for "every app".
 */
export function appsInScope(ctx: PrincipalContext, requested: string | null | undefined, field: string): readonly string[] | undefined {
  if (requested != null) {
    checkAppAllowed(ctx, requested, field);
    return [requested];
  }
  return ctx.principal.apps === null ? undefined : [...ctx.principal.apps];
}

/** `value` when it belongs to an app the principal may see, else null (a lookup of another app's object). */
export function visibleOrNull<T extends { app: string | null }>(principal: Principal, value: T | null): T | null {
  if (value === null) return null;
  if (principal.apps === null) return value;
  return value.app !== null && principal.apps.has(value.app) ? value : null;
}
