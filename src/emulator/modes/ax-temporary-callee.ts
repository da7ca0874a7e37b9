import type { HandlerContext } from '../http/handler';
import { ok, type Reply } from '../http/reply';
import { fail, failInvalid, RESULT } from '../result';

/** A temporary callee may also be a 400 or 95 service number (rest-api.md §3.1). */
const SERVICE_NUMBER = /^(400\d{7}|95\d{3,6})$/;
/** Longest keepTime accepted, platform seconds (the field's range is unconfirmed). */
const KEEP_TIME_MAX = 86_400;

/**
 * AX-5 `PUT /rest/caas/privatenumber/calleenumber/v1.0` (rest-api.md §6.5): sets A's next callee through X.
 * A new call overwrites the previous one; the relation lapses after keepTime (default 60) platform seconds.
 */
export function temporaryCallee(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const origNum = p.phone('origNum');
  const privateNum = p.phone('privateNum');
  const calleeNum = p.text('calleeNum', 32);
  if (!ctx.config.numberPattern.test(calleeNum) && !SERVICE_NUMBER.test(calleeNum)) failInvalid('calleeNum');
  const keepTime = p.optInt('keepTime', 1, KEEP_TIME_MAX) ?? ctx.config.temporaryCalleeSeconds;
  if (!ctx.app.pool.get(privateNum)) fail(RESULT.numberNotApplied);
  const binding = ctx.app.ax.byPrivateNum(privateNum);
  if (!binding || binding.origNum !== origNum) fail(RESULT.bindingNotExist);
  binding.temporaryCallee = { calleeNum, expiresAtMs: ctx.clock.now() + ctx.clock.scaled(keepTime) };
  return ok();
}
