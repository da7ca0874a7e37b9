/** Wire DTOs of the Call control and recordings (rest-api.md §8.4, §9); field names are the platform's, exactly. */
export interface CallStopRequest {
  sessionid: string;
  signal: 'call_stop';
}
export interface RecordingUrlRequest {
  fileName: string;
  recordDomain: string;
}
