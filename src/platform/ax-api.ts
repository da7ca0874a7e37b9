import type { AppCredentials, PlatformCaller } from './http';
import type { Operation } from './operation';
import { OPERATIONS } from './operations';
import { acknowledgementOf, envelopeOf } from './response';
import type {
  AxBindRequest,
  AxBindResponse,
  AxModifyRequest,
  AxQueryRequest,
  AxQueryResponse,
  AxTemporaryCalleeRequest,
  AxUnbindRequest,
} from './wire';

/** AX mode (rest-api.md §6). Every method throws PlatformError on any failure. */
export interface AxApi {
  /** AX-1 `POST /rest/provision/caas/privatenumber/v1.0`. Not idempotent: never retried once sent. */
  bind(req: AxBindRequest): Promise<AxBindResponse>;
  /** AX-2 `DELETE …/privatenumber/v1.0?subscriptionId=…|origNum=…&privateNum=…`. Not retried once sent. */
  unbind(req: AxUnbindRequest): Promise<void>;
  /** AX-3 `PUT …/privatenumber/v1.0`. Not retried once sent. */
  modify(req: AxModifyRequest): Promise<void>;
  /** AX-4 `GET …/privatenumber/v1.0`; precedence subscriptionId > origNum > privateNum. A read: retried when safe. */
  query(req: AxQueryRequest): Promise<AxQueryResponse>;
  /**
   * AX-5 `PUT /rest/caas/privatenumber/calleenumber/v1.0`: the callee of A's next call through X, valid for
   * about one minute; a new call overwrites it. Idempotent in effect, but a PUT: not retried once sent.
   */
  setTemporaryCallee(req: AxTemporaryCalleeRequest): Promise<void>;
}

export function createAxApi(http: PlatformCaller, credentials: AppCredentials): AxApi {
  const ack = (operation: Operation, body: object | undefined, query?: object) =>
    http.call({ operation, credentials, body, query, interpret: acknowledgementOf(operation) });
  return {
    bind: (req) =>
      http.call({
        operation: OPERATIONS.axBind,
        credentials,
        body: req,
        interpret: envelopeOf<AxBindResponse>(OPERATIONS.axBind, ['subscriptionId', 'privateNum', 'origNum']),
      }),
    unbind: (req) => ack(OPERATIONS.axUnbind, undefined, req),
    modify: (req) => ack(OPERATIONS.axModify, req),
    setTemporaryCallee: (req) => ack(OPERATIONS.axTemporaryCallee, req),
    query: async (req) => {
      const res = await http.call({
        operation: OPERATIONS.axQuery,
        credentials,
        query: req,
        interpret: envelopeOf<AxQueryResponse>(OPERATIONS.axQuery),
      });
      return { ...res, privateNumList: Array.isArray(res.privateNumList) ? res.privateNumList : [] };
    },
  };
}
