import { UnreachableCaseError } from '../../shared/unreachable';
import type { CallRoute, RouteContext, RouteInput } from './call-route';
import { routeAx } from './route-ax';
import { routeAxb } from './route-axb';
import { routeAxe } from './route-axe';
import { routeAxyb } from './route-axyb';

/**
 * Routes a dialled call by the app's mode, then applies the number's status: a suspended or unavailable
 * X or Y (status 9/10, push-api.md §5.2) refuses every call with 8055, keeping what routing found.
 */
export function routeCall(input: RouteInput, ctx: RouteContext): CallRoute {
  const route = byMode(input, ctx);
  if (!input.app.pool.get(input.dialled)?.abnormal) return route;
  const digits = route.digits;
  return { kind: 'refuse', direction: route.direction, code: 8055, ...(route.binding ? { binding: route.binding } : {}), ...(digits !== undefined ? { digits } : {}) };
}

function byMode(input: RouteInput, ctx: RouteContext): CallRoute {
  const mode = input.app.mode;
  switch (mode) {
    case 'AXB':
      return routeAxb(input);
    case 'AX':
      return routeAx(input, ctx);
    case 'AXE':
      return routeAxe(input, ctx);
    case 'AXYB':
      return routeAxyb(input, ctx);
    default:
      throw new UnreachableCaseError(mode);
  }
}
