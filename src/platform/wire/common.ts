/**
 * Wire DTOs of the platform's REST surface (rest-api.md). Field names are the platform's, exactly.
 * Shared by the client (platform/) and the emulator (emulator/); nothing outside those two imports them:
 * GraphQL types are built from them only through mappers.
 *
 * Numbers are strings in global format (`+8613800000001`). Flags the platform types loosely ("true" or
 * true) are typed as `Flag`; clients send the documented form, the emulator accepts both.
 */

export type Flag = boolean | 'true' | 'false';
/** `"0"` strict (default), `"1"` non-strict: prefer the same province, else any X of the app. */
export type AreaMatchMode = '0' | '1';
/** `callDirection` (rest-api.md): 0 both directions, 1 only A may call B, 2 only B may call A. The gateway speaks `CallDirection` (bindings/call-direction.ts), mapped there. */
export type WireCallDirection = 0 | 1 | 2;

/** Every response carries this envelope; `resultcode` is `"0"` on success. */
export interface Envelope {
  resultcode: string;
  resultdesc: string;
}

/** Personalised pre-answer tones (voice file names). */
export interface ApiPlayInfo {
  callerHintTone?: string;
  calleeHintTone?: string;
}

/** The URIs of rest-api.md §0. */
export const URI = {
  axb: '/rest/caas/relationnumber/partners/v1.0',
  ax: '/rest/provision/caas/privatenumber/v1.0',
  axTemporaryCallee: '/rest/caas/privatenumber/calleenumber/v1.0',
  axe: '/rest/caas/extendnumber/v1.0',
  axeV2: '/rest/caas/extendnumber/v2.0',
  axyb: '/rest/omp/xyrelationnumber/v1.0',
  callStop: '/rest/httpsessions/callStop/v2.0',
  recording: '/rest/provision/voice/record/v1.0',
} as const;
