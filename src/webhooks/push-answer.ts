/**
 * How a push was answered, one stable name per answer path (the `outcome` label of
 * `gateway_webhook_pushes_total`, next to its HTTP status):
 * - 200: `stored`, `duplicate` (stored before), `deadLettered` (kept, not parsable or refused by the database);
 * - refused by the handler: `rejected` (401, signature or nonce reuse), `notFound` (404, no such app or wrong path token),
 *   `failed` (503, store or fan-out down: the platform retries);
 * - refused by the route before the handler: `forbidden` (403, source address), `notFound` (404, malformed address),
 *   `methodNotAllowed` (405), `notReady` (503, starting or stopping), `unsupportedMediaType` (415), `tooLarge` (413).
 */
export type PushAnswerOutcome =
  | 'stored'
  | 'duplicate'
  | 'deadLettered'
  | 'rejected'
  | 'notFound'
  | 'failed'
  | 'forbidden'
  | 'methodNotAllowed'
  | 'notReady'
  | 'unsupportedMediaType'
  | 'tooLarge';

/** The `kind` of a push refused before its body was parsed. */
export const UNKNOWN_KIND = 'unknown';
