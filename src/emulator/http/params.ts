import type { ApiPlayInfo, WireCallDirection } from '../../platform/wire';
import { failInvalid } from '../result';

/** Voice file names (rest-api.md §3.3): letters, digits, `_`, `@`, plus an extension. */
const VOICE_FILE = /^[A-Za-z0-9_@][A-Za-z0-9_@.-]{0,127}$/;
const AREA_CODE = /^0\d{2,3}$/;
const WIRE_CALL_DIRECTION: Readonly<Record<'0' | '1' | '2', WireCallDirection>> = { '0': 0, '1': 1, '2': 2 };

/**
 * Typed, validating access to one request's parameters (JSON body or URL query). Every reader throws
 * 1010002 naming the parameter when the value is present but wrong, or absent but required. An empty string
 * counts as absent. Integers accept numbers and numeric strings; flags accept booleans and "true"/"false".
 */
export class Params {
  constructor(
    private readonly raw: Readonly<Record<string, unknown>>,
    private readonly numberPattern: RegExp,
  ) {}

  has(name: string): boolean {
    const v = this.raw[name];
    return v !== undefined && v !== null && v !== '';
  }

  /** A number in global format, required. */
  phone(name: string): string {
    return this.optPhone(name) ?? failInvalid(name);
  }

  optPhone(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw[name];
    if (typeof v !== 'string' || !this.numberPattern.test(v)) failInvalid(name);
    return v;
  }

  /** A string of 1..max characters, required. */
  text(name: string, max: number): string {
    return this.optText(name, max) ?? failInvalid(name);
  }

  optText(name: string, max: number): string | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw[name];
    if (typeof v !== 'string' || v.length > max) failInvalid(name);
    return v;
  }

  optInt(name: string, min: number, max: number): number | undefined {
    if (!this.has(name)) return undefined;
    const n = toInteger(this.raw[name]);
    if (n === undefined || n < min || n > max) failInvalid(name);
    return n;
  }

  /** An integer in [min, max]; `fallback` when absent or anything else (AXB pageSize: not an error). */
  intOr(name: string, min: number, max: number, fallback: number): number {
    const n = toInteger(this.raw[name]);
    return n !== undefined && n >= min && n <= max ? n : fallback;
  }

  optFlag(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw[name];
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    return failInvalid(name);
  }

  /** A string enum; numbers are accepted for numeric enums ("0" or 0). */
  optEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw[name];
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || !(values as readonly string[]).includes(s)) failInvalid(name);
    return s as T;
  }

  /** The platform's callDirection: 0 both directions, 1 only A→B, 2 only B→A. */
  optCallDirection(name = 'callDirection'): WireCallDirection | undefined {
    const v = this.optEnum(name, ['0', '1', '2'] as const);
    return v === undefined ? undefined : WIRE_CALL_DIRECTION[v];
  }

  optVoiceFile(name: string): string | undefined {
    const v = this.optText(name, 128);
    if (v !== undefined && !VOICE_FILE.test(v)) failInvalid(name);
    return v;
  }

  /** City code with its leading zero (`0755`, `010`). */
  optAreaCode(name = 'areaCode'): string | undefined {
    const v = this.optText(name, 32);
    if (v !== undefined && !AREA_CODE.test(v)) failInvalid(name);
    return v;
  }

  /** `"0"` strict (default) or `"1"` non-strict. */
  strictArea(): boolean {
    return this.optEnum('areaMatchMode', ['0', '1'] as const) !== '1';
  }

  /** `{ callerHintTone?, calleeHintTone? }`: each a voice file name. */
  optPlayInfo(name: string): ApiPlayInfo | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw[name];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) failInvalid(name);
    const inner = new Params(v as Record<string, unknown>, this.numberPattern);
    const info: ApiPlayInfo = {};
    const caller = inner.optVoiceFileNamed('callerHintTone', `${name}.callerHintTone`);
    const callee = inner.optVoiceFileNamed('calleeHintTone', `${name}.calleeHintTone`);
    if (caller !== undefined) info.callerHintTone = caller;
    if (callee !== undefined) info.calleeHintTone = callee;
    return info;
  }

  private optVoiceFileNamed(name: string, label: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || !VOICE_FILE.test(v)) failInvalid(label);
    return v;
  }
}

/** An integer given as a JSON number or a decimal string; anything else is undefined. */
function toInteger(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,12}$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
