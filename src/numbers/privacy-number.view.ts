import type { AppConfig, BindingModeName } from '../config';
import { UnreachableCaseError } from '../shared/unreachable';
import type { PrivacyNumberRecord } from './privacy-number.repository';
import type { NumberStatus } from './number-status';

/** Extension digits of an AXE app until a binding shows otherwise: the platform's and the emulator's default. */
export const DEFAULT_EXTENSION_LENGTH = 4;

/**
 * How much one number carries in its mode (rest-api.md §10): AXB 5000 pairs, AX 1 A, AXYB 1000 relations
 * per Y, AXE one A per extension: 9, 99, 999 or 9999 for 1–4 digits.
 */
export function capacityOf(mode: BindingModeName, extensionLength: number | null): number {
  switch (mode) {
    case 'AXB':
      return 5000;
    case 'AX':
      return 1;
    case 'AXE':
      return 10 ** (extensionLength ?? DEFAULT_EXTENSION_LENGTH) - 1;
    case 'AXYB':
      return 1000;
    default:
      throw new UnreachableCaseError(mode);
  }
}

/** Human text for the platform's cause codes (push-api.md §5.2). */
export const CAUSE_TEXT: Readonly<Record<string, string>> = {
  '1': 'number deleted',
  '2': 'arrears',
  '3': 'stopped',
  '5': 'call-restricted by the carrier',
  '6': 'carrier call restriction lifted',
  '7': 'unconditional call forwarding enabled on X',
  '8': 'no-answer call forwarding enabled on X',
  '9': 'busy call forwarding enabled on X',
};

export interface PrivacyNumberView {
  /** The log cursor when `numberStatusChanged` delivers it; absent (null) from queries. */
  cursor?: string | null;
  number: string;
  app: { name: string; mode: BindingModeName; appKey: string } | null;
  cityCode: string | null;
  status: NumberStatus;
  statusCause: string | null;
  /** The platform's cause code alone, for `PrivacyNumber.cause`. */
  statusCauseCode: string | null;
  statusChangedAt: Date | null;
  appName: string;
}

export function toPrivacyNumberView(r: PrivacyNumberRecord, apps: readonly AppConfig[]): PrivacyNumberView {
  const app = apps.find((a) => a.name === r.app);
  return {
    number: r.number,
    app: app ? { name: app.name, mode: app.mode, appKey: app.appKey } : null,
    cityCode: r.cityCode,
    status: r.status,
    statusCause: r.statusCause === null ? null : CAUSE_TEXT[r.statusCause] ? `${r.statusCause} (${CAUSE_TEXT[r.statusCause]})` : r.statusCause,
    statusCauseCode: r.statusCause,
    statusChangedAt: r.statusChangedAt,
    appName: r.app,
  };
}
