import type { AppCredentials, PlatformCaller } from './http';
import { OPERATIONS } from './operations';
import { acknowledgementOf } from './response';
import type { CallStopRequest } from './wire';

/** Call control (rest-api.md §8.4). */
export interface CallApi {
  /**
   * CALL-1 `POST /rest/httpsessions/callStop/v2.0` with `{ sessionid, signal: "call_stop" }`: ends a call in
   * progress. Fails (1020152 "Invalid sessionId.") when the call has already ended. Never retried once sent.
   * The answer's `Content-Type` is `text/html`; its body is JSON and is read as such.
   */
  stop(sessionId: string): Promise<void>;
}

export function createCallApi(http: PlatformCaller, credentials: AppCredentials): CallApi {
  return {
    stop: (sessionId) => {
      const body: CallStopRequest = { sessionid: sessionId, signal: 'call_stop' };
      return http.call({ operation: OPERATIONS.callStop, credentials, body, interpret: acknowledgementOf(OPERATIONS.callStop) });
    },
  };
}
