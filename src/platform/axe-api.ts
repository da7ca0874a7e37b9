import type { AppCredentials, PlatformCaller } from './http';
import { OPERATIONS } from './operations';
import { acknowledgementOf, envelopeOf } from './response';
import type {
  AxeBindRequest,
  AxeBindResponse,
  AxeModifyRequest,
  AxeQueryRequest,
  AxeQueryResponse,
  AxeQueryV2Request,
  AxeQueryV2Response,
  AxeUnbindRequest,
} from './wire';

/** AXE mode (rest-api.md §7). Every method throws PlatformError on any failure. */
export interface AxeApi {
  /** AXE-1 `POST /rest/caas/extendnumber/v1.0`. Not idempotent: never retried once sent. Extensions exhausted: 1020167. */
  bind(req: AxeBindRequest): Promise<AxeBindResponse>;
  /** AXE-2 `DELETE …/extendnumber/v1.0?subscriptionId=…|virtualNum=…&extendNum=…`. Not retried once sent. */
  unbind(req: AxeUnbindRequest): Promise<void>;
  /** AXE-3 `PUT …/extendnumber/v1.0`. Not retried once sent. */
  modify(req: AxeModifyRequest): Promise<void>;
  /** AXE-4 `GET …/extendnumber/v1.0`: one binding, by subscriptionId or virtualNum + extendNum. A read. */
  query(req: AxeQueryRequest): Promise<AxeQueryResponse>;
  /**
   * AXE-5 `GET /rest/caas/extendnumber/v2.0`: cursor paging over the bindings of one X. `nextCursor` is
   * absent when there is no further page (the platform's spelling `nextCusor` is read too). A read.
   */
  queryV2(req: AxeQueryV2Request): Promise<AxeQueryV2Response>;
}

export function createAxeApi(http: PlatformCaller, credentials: AppCredentials): AxeApi {
  return {
    bind: (req) =>
      http.call({
        operation: OPERATIONS.axeBind,
        credentials,
        body: req,
        interpret: envelopeOf<AxeBindResponse>(OPERATIONS.axeBind, ['subscriptionId', 'virtualNum', 'extendNum']),
      }),
    unbind: (req) =>
      http.call({ operation: OPERATIONS.axeUnbind, credentials, query: req, interpret: acknowledgementOf(OPERATIONS.axeUnbind) }),
    modify: (req) =>
      http.call({ operation: OPERATIONS.axeModify, credentials, body: req, interpret: acknowledgementOf(OPERATIONS.axeModify) }),
    query: (req) =>
      http.call({
        operation: OPERATIONS.axeQuery,
        credentials,
        query: req,
        interpret: envelopeOf<AxeQueryResponse>(OPERATIONS.axeQuery, ['subscriptionId']),
      }),
    queryV2: async (req) => {
      const res = await http.call({
        operation: OPERATIONS.axeQueryV2,
        credentials,
        query: req,
        interpret: envelopeOf<AxeQueryV2Response & { nextCusor?: string }>(OPERATIONS.axeQueryV2),
      });
      const { nextCusor, ...rest } = res;
      const nextCursor = rest.nextCursor || nextCusor || undefined;
      return { ...rest, bindList: Array.isArray(rest.bindList) ? rest.bindList : [], nextCursor };
    },
  };
}
