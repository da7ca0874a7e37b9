import { callBinding, connect, refuse, type CallRoute, type RouteContext, type RouteInput } from './call-route';

/**
 * AX (push-api.md §2.4, rest-api.md §6.5): anyone but A dialling X reaches A (direction 0); A dialling X
 * reaches the temporary callee while it is valid (direction 1), else 8013. callDirection 1 lets only A
 * call out, 2 only others call in (else 8016) [U: the values are unconfirmed]. No binding on X: 8018.
 * The number shown is always X (carriers require it), whatever calleeNumDisplay says.
 */
export function routeAx({ app, caller, dialled }: RouteInput, ctx: RouteContext): CallRoute {
  const b = app.ax.byPrivateNum(dialled);
  if (!b) return refuse(2, 8018);
  const binding = callBinding(b, b.maxDuration);
  if (caller !== b.origNum) return b.callDirection === 1 ? refuse(0, 8016, binding) : connect(0, binding, dialled, b.origNum);
  if (b.callDirection === 2) return refuse(1, 8016, binding);
  const callee = b.temporaryCallee && b.temporaryCallee.expiresAtMs > ctx.clock.now() ? b.temporaryCallee.calleeNum : undefined;
  return callee === undefined ? refuse(1, 8013, binding) : connect(1, binding, dialled, callee);
}
