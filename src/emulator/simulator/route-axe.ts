import { expiryOf } from '../binding-map';
import type { AxeBinding } from '../modes/axe.store';
import { callBinding, connect, refuse, type CallRoute, type RouteContext, type RouteInput } from './call-route';

/** Seconds in one AXE `timeUnit`: "0" hours (the default), "1" minutes. */
function unitSeconds(b: AxeBinding): number {
  return b.effectiveTimeUnit === '1' ? 60 : 3600;
}

/**
 * AXE (push-api.md §2.4, rest-api.md §7). A of a binding on X dialling X (callback scene, direction 1):
 * the latest caller on record, else callbackNum, else 8019; no extension is collected. Anyone else (A-called
 * scene, direction 0): no extension keyed → 8033 (no collectInfo is pushed); an extension with no live
 * binding → collectInfo then 8022; else collectInfo then A, shown X (or the caller with displayNumMode "1").
 * An answered A-called call stores the callback record for callbackExpiredTime (0 or absent: while the
 * binding lasts).
 */
export function routeAxe({ app, caller, dialled, extension }: RouteInput, ctx: RouteContext): CallRoute {
  const own = app.axe.onNumber(dialled).find((b) => b.bindNum === caller);
  if (own) {
    const binding = callBinding(own, 0, own.extendNum);
    const peer = ctx.callbacks.latest(app.name, dialled, caller, ctx.clock.now()) ?? own.callbackNum;
    return peer === undefined ? refuse(1, 8019, binding) : connect(1, binding, dialled, peer);
  }
  if (extension === undefined || extension === '') return refuse(2, 8033);
  const b = app.axe.byExtension(dialled, extension);
  if (!b) return refuse(2, 8022, undefined, extension);
  const onAnswer = (): void => {
    const now = ctx.clock.now();
    const seconds = b.callbackExpiredTime === undefined ? undefined : b.callbackExpiredTime * unitSeconds(b);
    ctx.callbacks.record(app.name, dialled, b.bindNum, caller, expiryOf(ctx.clock, now, seconds));
  };
  const display = b.displayNumMode === '1' ? caller : dialled;
  return connect(0, callBinding(b, 0, b.extendNum), display, b.bindNum, { digits: extension, onAnswer });
}
