/** The platform client's public surface. */
export { PlatformClient, type AppApi, type AppCredentials, type PlatformApps, type PlatformClientOptions } from './platform-client';
export { PlatformError, isFlowControl, type PlatformErrorKind } from './platform-error';
export type { AxbApi } from './axb-api';
export type { AxApi } from './ax-api';
export type { AxeApi } from './axe-api';
export type { AxybApi } from './axyb-api';
export type { CallApi } from './call-api';
export { RECORDING_URL_VALIDITY_MS, type RecordingApi, type RecordingUrl } from './recording-api';
export type { HttpMethod } from './operation';
export type { AuthScheme } from './signing';
export * from './wire';
