import type { Clock } from '../clock';
import { expiryOf } from '../binding-map';
import type { EmulatorLimits } from '../emulator-config';
import type { HandlerContext } from '../http/handler';
import { ok, type Reply } from '../http/reply';
import type { PoolNumber } from '../number-pool';
import { fail, failInvalid, RESULT } from '../result';
import type { AppState } from '../state';
import type { AxybRelation, YbRelation } from './axyb.store';
import { optLifetime, SUBSCRIPTION_ID_MAX } from './fields';

/**
 * AXYB bind step 2 (rest-api.md §8.1): B (as `origNum`) joins the subscription through a Y. Y is another
 * number of the app that is no relation's X, not yet a Y of this subscription (the AX part is not repeated
 * on a Y) and carries fewer than `axybRelationsPerY` relations. Without areaCode, Y prefers X's city.
 */
export function bindYb(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const relation = ctx.app.axyb.get(p.text('subscriptionId', SUBSCRIPTION_ID_MAX)) ?? fail(RESULT.bindingNotExist);
  const numB = p.phone('origNum');
  if (numB === relation.numA) failInvalid('origNum', 'B must differ from A.');
  const areaCode = p.optAreaCode();
  const strict = areaCode === undefined ? false : p.strictArea();
  const requested = optLifetime(p, 'ybDuration');
  if (relation.yb.some((yb) => yb.numB === numB)) fail(RESULT.recordExists);
  if (relation.yb.length >= ctx.config.limits.axybYbPerSubscription) fail(RESULT.insufficientNumbers);
  const y = pickY(ctx.app, relation, ctx.config.limits, areaCode, strict) ?? fail(RESULT.insufficientNumbers);
  const yb = attachYb(ctx.clock, relation, y.number, numB, requested);
  return ok({ subscriptionId: relation.subscriptionId, relationNumber: yb.numY });
}

/** The Y a new YB half of `relation` gets (see bindYb), or undefined when none is free. */
export function pickY(app: AppState, relation: AxybRelation, limits: EmulatorLimits, areaCode?: string, strict = false): PoolNumber | undefined {
  const store = app.axyb;
  const cityOfX = app.pool.get(relation.numX)?.cityCode;
  const eligible = (n: string): boolean =>
    n !== relation.numX &&
    store.byX(n) === undefined &&
    !relation.yb.some((yb) => yb.numY === n) &&
    store.onY(n).length < limits.axybRelationsPerY;
  return app.pool.candidates(areaCode ?? cityOfX, strict).find((n) => eligible(n.number));
}

/**
 * Adds the YB half (Y, B) to `relation`, living `requested` seconds, else step 1's ybDuration (see
 * effectiveYbDuration). Used by bind step 2 and by the call simulator when B dials X with no YB half.
 */
export function attachYb(clock: Clock, relation: AxybRelation, numY: string, numB: string, requested?: number): YbRelation {
  const now = clock.now();
  const ybDuration = effectiveYbDuration(relation, requested);
  const yb: YbRelation = { numY, numB, ybDuration, subscribeTimeMs: now, expiresAtMs: expiryOf(clock, now, ybDuration) };
  relation.yb.push(yb);
  return yb;
}

/** Step 2's value wins over step 1's; neither = 0 (ends with AX); never longer than the AX duration. */
function effectiveYbDuration(relation: AxybRelation, requested: number | undefined): number {
  const yb = requested ?? relation.ybDuration ?? 0;
  return relation.duration > 0 && yb > relation.duration ? relation.duration : yb;
}
