import type { AppCredentials, PlatformCaller } from './http';
import { OPERATIONS } from './operations';
import { acknowledgementOf, envelopeOf } from './response';
import type { AxybBindRequest, AxybBindResponse, AxybQueryRequest, AxybQueryResponse, AxybUnbindRequest } from './wire';

/**
 * AXYB mode (rest-api.md §8). Every AXYB URL carries `app_key=<APP_Key>`; this API adds it from the
 * credentials. Every method throws PlatformError on any failure.
 */
export interface AxybApi {
  /**
   * AXYB-1 step 1 `POST /rest/omp/xyrelationnumber/v1.0?app_key=…` with A as `origNum`: binds AX and
   * returns `relationNumber` = X. Not idempotent: never retried once sent.
   */
  bindAX(req: AxybBindRequest): Promise<AxybBindResponse>;
  /**
   * AXYB-1 step 2: same URI with the step-1 `subscriptionId` and B as `origNum`: binds YB and returns
   * `relationNumber` = Y. Not idempotent: never retried once sent.
   */
  bindYB(req: AxybBindRequest & { subscriptionId: string }): Promise<AxybBindResponse>;
  /** AXYB-2 `DELETE …?app_key=…&subscriptionId=…[&yNum=…|&bNum=…]`: YB only when yNum/bNum is given. Not retried once sent. */
  unbind(req: Omit<AxybUnbindRequest, 'app_key'>): Promise<void>;
  /** AXYB-3 `GET …?app_key=…&subscriptionId=…|relationNum=…`. A read: retried when safe. */
  query(req: Omit<AxybQueryRequest, 'app_key'>): Promise<AxybQueryResponse>;
}

export function createAxybApi(http: PlatformCaller, credentials: AppCredentials): AxybApi {
  const appKey = { app_key: credentials.appKey };
  const bind = (req: AxybBindRequest): Promise<AxybBindResponse> =>
    http.call({
      operation: OPERATIONS.axybBind,
      credentials,
      query: appKey,
      body: req,
      interpret: envelopeOf<AxybBindResponse>(OPERATIONS.axybBind, ['subscriptionId', 'relationNumber']),
    });
  return {
    bindAX: (req) => bind(req),
    bindYB: (req) => bind(req),
    unbind: (req) =>
      http.call({
        operation: OPERATIONS.axybUnbind,
        credentials,
        query: { ...appKey, ...req },
        interpret: acknowledgementOf(OPERATIONS.axybUnbind),
      }),
    query: async (req) => {
      const res = await http.call({
        operation: OPERATIONS.axybQuery,
        credentials,
        query: { ...appKey, ...req },
        interpret: envelopeOf<AxybQueryResponse>(OPERATIONS.axybQuery),
      });
      return { ...res, xyRelationNumList: Array.isArray(res.xyRelationNumList) ? res.xyRelationNumList : [] };
    },
  };
}
