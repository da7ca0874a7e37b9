import type { AppCredentials, PlatformCaller } from './http';
import { OPERATIONS } from './operations';
import { acknowledgementOf, envelopeOf } from './response';
import type {
  AxbBindRequest,
  AxbBindResponse,
  AxbModifyRequest,
  AxbQueryRequest,
  AxbQueryResponse,
  AxbUnbindRequest,
} from './wire';

/** AXB mode (rest-api.md §5). Every method throws PlatformError on any failure. */
export interface AxbApi {
  /** AXB-1 `POST /rest/caas/relationnumber/partners/v1.0`. Not idempotent: never retried once sent. */
  bind(req: AxbBindRequest): Promise<AxbBindResponse>;
  /**
   * AXB-2 `DELETE …/partners/v1.0?subscriptionId=…|relationNum=…`. `relationNum` alone removes every binding
   * on that X. Not retried once sent (a repeat would answer "not found").
   */
  unbind(req: AxbUnbindRequest): Promise<void>;
  /** AXB-3 `PUT …/partners/v1.0`. A repeat restarts `duration` again: not retried once sent. */
  modify(req: AxbModifyRequest): Promise<void>;
  /** AXB-4 `GET …/partners/v1.0`. A read: retried on 5xx, 1010001, timeouts and network errors. No match: 1012007. */
  query(req: AxbQueryRequest): Promise<AxbQueryResponse>;
}

export function createAxbApi(http: PlatformCaller, credentials: AppCredentials): AxbApi {
  return {
    bind: (req) =>
      http.call({
        operation: OPERATIONS.axbBind,
        credentials,
        body: req,
        interpret: envelopeOf<AxbBindResponse>(OPERATIONS.axbBind, ['subscriptionId', 'relationNum']),
      }),
    unbind: (req) =>
      http.call({ operation: OPERATIONS.axbUnbind, credentials, query: req, interpret: acknowledgementOf(OPERATIONS.axbUnbind) }),
    modify: (req) =>
      http.call({ operation: OPERATIONS.axbModify, credentials, body: req, interpret: acknowledgementOf(OPERATIONS.axbModify) }),
    query: async (req) => {
      const res = await http.call({
        operation: OPERATIONS.axbQuery,
        credentials,
        query: req,
        interpret: envelopeOf<AxbQueryResponse>(OPERATIONS.axbQuery),
      });
      const list = Array.isArray(res.relationNumList) ? res.relationNumList : [];
      return { ...res, relationNumList: list, totalCount: typeof res.totalCount === 'number' ? res.totalCount : list.length };
    },
  };
}
