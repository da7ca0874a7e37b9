import { fail, RESULT } from './result';
import { CITY_PROVINCE, type SeedNumber } from './seed';

/**
 * One X (or Y) number of an app (push-api.md §5.2). `abnormal` (status 9 suspended / 10 unavailable): keeps
 * its bindings, takes no new ones (1012102), and its calls fail with 8055. `frozen` (status 11, binding
 * frozen): takes no new bindings (1012102) but its calls and SMS keep working.
 */
export interface PoolNumber {
  readonly number: string;
  cityCode: string;
  abnormal: boolean;
  frozen: boolean;
}

/** Whether a number may take a new binding. */
export function isBindable(n: PoolNumber): boolean {
  return !n.abnormal && !n.frozen;
}

/** How a bind asks for its number (rest-api.md §3.2): an explicit X wins over areaCode. */
export interface NumberRequest {
  explicit?: string;
  areaCode?: string;
  /** `areaMatchMode` "0"/absent: only the city; "1": city, then province, then any. */
  strict: boolean;
}

/** The numbers one app owns, in the order they were added (allocation takes the first eligible one). */
export class NumberPool {
  private readonly numbers = new Map<string, PoolNumber>();

  constructor(seedNumbers: readonly SeedNumber[]) {
    for (const n of seedNumbers) this.add(n);
  }

  /** Adds a number, or updates the city of one already in this pool. */
  add(n: SeedNumber): void {
    const existing = this.numbers.get(n.number);
    if (existing) existing.cityCode = n.cityCode;
    else this.numbers.set(n.number, { number: n.number, cityCode: n.cityCode, abnormal: false, frozen: false });
  }

  get(number: string): PoolNumber | undefined {
    return this.numbers.get(number);
  }

  list(): PoolNumber[] {
    return [...this.numbers.values()];
  }

  /** An explicitly requested number: owned by the app (else 1012001), neither abnormal nor frozen (else 1012102). */
  requireUsable(number: string): PoolNumber {
    const n = this.numbers.get(number) ?? fail(RESULT.numberNotApplied);
    if (!isBindable(n)) fail(RESULT.numberAbnormal);
    return n;
  }

  /** Bindable numbers in preference order for an area request; no areaCode = every bindable number. */
  candidates(areaCode: string | undefined, strict: boolean): PoolNumber[] {
    const normal = this.list().filter(isBindable);
    if (areaCode === undefined) return normal;
    const city = normal.filter((n) => n.cityCode === areaCode);
    if (strict) return city;
    const province = CITY_PROVINCE[areaCode];
    const sameProvince = normal.filter((n) => n.cityCode !== areaCode && province !== undefined && CITY_PROVINCE[n.cityCode] === province);
    const rest = normal.filter((n) => !city.includes(n) && !sameProvince.includes(n));
    return [...city, ...sameProvince, ...rest];
  }

  /**
   * The number for a bind. Explicit: checked by `requireUsable`, then `explicitCheck` may refuse it with the
   * mode's own code. Area: the first candidate `eligible` accepts, else 1012008.
   */
  allocate(req: NumberRequest, eligible: (n: PoolNumber) => boolean, explicitCheck: (n: PoolNumber) => void): PoolNumber {
    if (req.explicit !== undefined) {
      const n = this.requireUsable(req.explicit);
      explicitCheck(n);
      return n;
    }
    return this.candidates(req.areaCode, req.strict).find(eligible) ?? fail(RESULT.insufficientNumbers);
  }
}
