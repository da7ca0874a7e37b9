import { URI } from '../../platform/wire';
import type { ApiRoute, HandlerContext } from '../http/handler';
import { HTML_CONTENT_TYPE, ok, type Reply } from '../http/reply';
import { fail, failInvalid, RESULT } from '../result';

const ALL_MODES = ['AX', 'AXB', 'AXE', 'AXYB'] as const;

/**
 * CALL-1 callStop (rest-api.md §8.4) and REC-1 recording download URL (§9). Any app mode may call them:
 * the docs list callStop under AXYB only, but do not say other modes are refused.
 */
export const callRoutes: readonly ApiRoute[] = [
  { method: 'POST', uri: URI.callStop, modes: ALL_MODES, handler: callStop, contentType: HTML_CONTENT_TYPE },
  { method: 'GET', uri: URI.recording, modes: ALL_MODES, handler: recordingUrl },
];

/** Path under which the emulator serves the recordings it hands out download URLs for. */
export const RECORDINGS_PATH = '/recordings/';

/** Ends a call in progress of this app; unknown, ended or another app's session: 1020152. */
function callStop(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const sessionId = p.text('sessionid', 256);
  if (p.optEnum('signal', ['call_stop'] as const) === undefined) failInvalid('signal');
  if (ctx.state.sessions.appKeyOf(sessionId) !== ctx.app.appKey) fail(RESULT.invalidSessionId);
  ctx.state.sessions.end(sessionId, 'callStop');
  return ok();
}

/** A known recording younger than the retention: HTTP 301 with the download URL and no body; else 1012007. */
function recordingUrl(ctx: HandlerContext): Reply {
  const p = ctx.params;
  const fileName = p.text('fileName', 128);
  const recordDomain = p.text('recordDomain', 128);
  const rec = ctx.state.recordings.find(fileName, recordDomain) ?? fail(RESULT.recordNotExist);
  const token = ctx.state.recordings.issueToken(rec);
  return { kind: 'redirect', location: `${ctx.origin}${RECORDINGS_PATH}${encodeURIComponent(fileName)}?token=${token}` };
}
