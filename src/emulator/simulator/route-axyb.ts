import type { AxybRelation } from '../modes/axyb.store';
import { attachYb, pickY } from '../modes/axyb-yb';
import { callBinding, connect, refuse, type CallRoute, type RouteContext, type RouteInput } from './call-route';

/**
 * AXYB (push-api.md §2.4, rest-api.md §8). B dials X → A, shown B's Y (direction 0); a caller with no YB
 * half gets a Y allocated now, living the relation's ybDuration (none free: 8031). A dials Y → that
 * half's B, shown X (direction 1). A dialling its own X: 8032. callDirection 1 lets only A call (via Y),
 * 2 only B (via X): else 8016. No relation on the dialled number for this caller: 8030.
 */
export function routeAxyb({ app, caller, dialled }: RouteInput, ctx: RouteContext): CallRoute {
  const relation = app.axyb.byX(dialled);
  if (relation) return viaX(relation, caller, { app, caller, dialled }, ctx);
  const viaY = app.axyb.onY(dialled).find((r) => r.numA === caller);
  const half = viaY?.yb.find((yb) => yb.numY === dialled);
  if (!viaY || !half) return refuse(2, 8030);
  const binding = callBinding(viaY);
  return viaY.callDirection === 2 ? refuse(1, 8016, binding) : connect(1, binding, viaY.numX, half.numB);
}

function viaX(relation: AxybRelation, caller: string, input: RouteInput, ctx: RouteContext): CallRoute {
  const binding = callBinding(relation);
  if (caller === relation.numA) return refuse(1, 8032, binding);
  if (relation.callDirection === 1) return refuse(0, 8016, binding);
  let half = relation.yb.find((yb) => yb.numB === caller);
  if (!half) {
    const y = relation.yb.length < ctx.limits.axybYbPerSubscription ? pickY(input.app, relation, ctx.limits) : undefined;
    if (!y) return refuse(0, 8031, binding);
    half = attachYb(ctx.clock, relation, y.number, caller);
  }
  return connect(0, binding, half.numY, relation.numA);
}
