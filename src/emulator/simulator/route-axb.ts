import { callBinding, connect, refuse, type CallRoute, type RouteInput } from './call-route';

/**
 * AXB (push-api.md §2.4): A dials X → B (direction 1), B dials X → A (direction 0). callDirection 1 lets
 * only A call, 2 only B (else 8016). Anyone else: 8014, direction 2, no binding.
 */
export function routeAxb({ app, caller, dialled }: RouteInput): CallRoute {
  const b = app.axb.onNumber(dialled).find((x) => x.callerNum === caller || x.calleeNum === caller);
  if (!b) return refuse(2, 8014);
  const binding = callBinding(b, b.maxDuration);
  if (b.callerNum === caller) return b.callDirection === 2 ? refuse(1, 8016, binding) : connect(1, binding, dialled, b.calleeNum);
  return b.callDirection === 1 ? refuse(0, 8016, binding) : connect(0, binding, dialled, b.callerNum);
}
