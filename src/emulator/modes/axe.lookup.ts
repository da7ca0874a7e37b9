import type { HandlerContext } from '../http/handler';
import { fail, failInvalid, RESULT, type Result } from '../result';
import type { AxeBinding } from './axe.store';
import { SUBSCRIPTION_ID_MAX } from './fields';

/**
 * subscriptionId wins; otherwise virtualNum and extendNum together. An X the app does not own answers
 * `notOwned` (1012001 for writes; queries pass 1012007).
 */
export function findAxeBinding(ctx: HandlerContext, notOwned: Result = RESULT.numberNotApplied): AxeBinding | undefined {
  const p = ctx.params;
  if (p.has('subscriptionId')) return ctx.app.axe.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX));
  if (!p.has('virtualNum') && !p.has('extendNum')) failInvalid('subscriptionId', 'subscriptionId or virtualNum and extendNum are required.');
  const virtualNum = p.phone('virtualNum');
  const extendNum = p.text('extendNum', 4);
  if (!ctx.app.pool.get(virtualNum)) fail(notOwned);
  return ctx.app.axe.byExtension(virtualNum, extendNum);
}
