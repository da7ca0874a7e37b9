/**
 * One REST interface of the platform (rest-api.md §0): what the retry rules and error reports need to know
 * about it. `safe` is true only for reads: sending one twice cannot change anything on the platform.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Operation {
  /** Inventory id and short name, e.g. `AXB-1 bind`. */
  readonly name: string;
  readonly method: HttpMethod;
  readonly uri: string;
}

/** GET is the only method the platform uses for reads; every other method may change state. */
export function isRead(method: HttpMethod): boolean {
  switch (method) {
    case 'GET':
      return true;
    case 'POST':
    case 'PUT':
    case 'DELETE':
      return false;
  }
}
