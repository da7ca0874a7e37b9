import type { AppCredentials, PlatformCaller } from './http';
import type { Operation } from './operation';
import { OPERATIONS } from './operations';
import { badResponse, expectEnvelope, headerValue, type RawResponse } from './response';
import type { RecordingUrlRequest } from './wire';

/** A recording's download address; the platform keeps it valid for 3 days (rest-api.md §9). */
export interface RecordingUrl {
  url: string;
  expiresAt: Date;
}

/** Recordings (rest-api.md §9). */
export interface RecordingApi {
  /**
   * REC-1 `GET /rest/provision/voice/record/v1.0?fileName=…&recordDomain=…`. Success is HTTP 301 with the
   * URL in `Location`; the redirect is never followed (that would download the audio). A read: retried when
   * safe. Unknown or expired (> 7 days) recording: PlatformError 1012007.
   */
  downloadUrl(req: RecordingUrlRequest): Promise<RecordingUrl>;
}

/** Validity of a download URL from the moment it is handed out. */
export const RECORDING_URL_VALIDITY_MS = 3 * 24 * 60 * 60 * 1000;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export function createRecordingApi(http: PlatformCaller, credentials: AppCredentials, now: () => Date): RecordingApi {
  const operation = OPERATIONS.recordingUrl;
  return {
    downloadUrl: (req) =>
      http.call({ operation, credentials, query: req, interpret: (raw) => toRecordingUrl(operation, raw, now()) }),
  };
}

function toRecordingUrl(operation: Operation, raw: RawResponse, now: Date): RecordingUrl {
  if (REDIRECT_STATUSES.has(raw.status)) {
    const url = headerValue(raw, 'location');
    if (!url) throw badResponse(operation, raw.status, 'redirect without Location');
    return { url, expiresAt: new Date(now.getTime() + RECORDING_URL_VALIDITY_MS) };
  }
  expectEnvelope(operation, raw);
  throw badResponse(operation, raw.status, 'success without a redirect');
}
