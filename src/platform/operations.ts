import type { Operation } from './operation';
import { URI } from './wire';

/** Every interface of rest-api.md §0, by inventory id. */
export const OPERATIONS = {
  axbBind: { name: 'AXB-1 bind', method: 'POST', uri: URI.axb },
  axbUnbind: { name: 'AXB-2 unbind', method: 'DELETE', uri: URI.axb },
  axbModify: { name: 'AXB-3 modify', method: 'PUT', uri: URI.axb },
  axbQuery: { name: 'AXB-4 query', method: 'GET', uri: URI.axb },
  axBind: { name: 'AX-1 bind', method: 'POST', uri: URI.ax },
  axUnbind: { name: 'AX-2 unbind', method: 'DELETE', uri: URI.ax },
  axModify: { name: 'AX-3 modify', method: 'PUT', uri: URI.ax },
  axQuery: { name: 'AX-4 query', method: 'GET', uri: URI.ax },
  axTemporaryCallee: { name: 'AX-5 set temporary callee', method: 'PUT', uri: URI.axTemporaryCallee },
  axeBind: { name: 'AXE-1 bind', method: 'POST', uri: URI.axe },
  axeUnbind: { name: 'AXE-2 unbind', method: 'DELETE', uri: URI.axe },
  axeModify: { name: 'AXE-3 modify', method: 'PUT', uri: URI.axe },
  axeQuery: { name: 'AXE-4 query', method: 'GET', uri: URI.axe },
  axeQueryV2: { name: 'AXE-5 query v2', method: 'GET', uri: URI.axeV2 },
  axybBind: { name: 'AXYB-1 bind', method: 'POST', uri: URI.axyb },
  axybUnbind: { name: 'AXYB-2 unbind', method: 'DELETE', uri: URI.axyb },
  axybQuery: { name: 'AXYB-3 query', method: 'GET', uri: URI.axyb },
  callStop: { name: 'CALL-1 callStop', method: 'POST', uri: URI.callStop },
  recordingUrl: { name: 'REC-1 recording URL', method: 'GET', uri: URI.recording },
} as const satisfies Record<string, Operation>;
