import type { WireCallDirection } from '../../platform/wire';
import { BindingMap } from '../binding-map';

/** The YB half of an AXYB relation: B is exposed to A as Y. */
export interface YbRelation {
  readonly numY: string;
  readonly numB: string;
  /** Platform seconds; 0 = ends with the AX relation. */
  ybDuration: number;
  subscribeTimeMs: number;
  expiresAtMs?: number;
}

/** One AXYB subscription: A exposed as X, plus the YB relations attached to it (rest-api.md §8). */
export interface AxybRelation {
  readonly subscriptionId: string;
  readonly numA: string;
  readonly numX: string;
  callDirection: WireCallDirection;
  /** AX lifetime in platform seconds; 0 = never. */
  duration: number;
  /** YB lifetime sent with step 1, used when step 2 sends none. */
  ybDuration?: number;
  recordFlag: boolean;
  recordHintTone?: string;
  preVoiceX?: string;
  preVoiceY?: string;
  userData?: string;
  subscribeTimeMs: number;
  expiresAtMs?: number;
  yb: YbRelation[];
}

/** AXYB relations of one app. A number serves as X of one relation or as Y of many, not both at once. */
export class AxybStore extends BindingMap<AxybRelation> {
  byX(numX: string): AxybRelation | undefined {
    return this.all().find((r) => r.numX === numX);
  }

  byA(numA: string): AxybRelation[] {
    return this.filter((r) => r.numA === numA);
  }

  /** Relations that use `numY` as the Y of one of their YB halves. */
  onY(numY: string): AxybRelation[] {
    return this.filter((r) => r.yb.some((yb) => yb.numY === numY));
  }

  isInUse(number: string): boolean {
    return this.byX(number) !== undefined || this.onY(number).length > 0;
  }

  override purge(nowMs: number): void {
    super.purge(nowMs);
    for (const r of this.all()) r.yb = r.yb.filter((yb) => yb.expiresAtMs === undefined || yb.expiresAtMs > nowMs);
  }
}
