import type { AppConfig, BindingModeName } from '../config';
import { UnreachableCaseError } from '../shared/unreachable';
import type { PrivacyNumberRecord } from './privacy-number.repository';
import { NumberStatus } from './privacy-number.type';

/** Capacity of one number in each mode (rest-api.md §10). AXE assumes the default 4-digit extensions. */
export function capacityOf(mode: BindingModeName): number {
  switch (mode) {
    case 'AXB':
      return 5000;
    case 'AX':
      return 1;
    case 'AXE':
      return 9999;
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
  number: string;
  app: { name: string; mode: BindingModeName; appKey: string } | null;
  cityCode: string | null;
  status: NumberStatus;
  statusCause: string | null;
  statusChangedAt: Date | null;
  capacity: number;
  appName: string;
}

export function toPrivacyNumberView(r: PrivacyNumberRecord, apps: readonly AppConfig[]): PrivacyNumberView {
  const app = apps.find((a) => a.name === r.app);
  return {
    number: r.number,
    app: app ? { name: app.name, mode: app.mode, appKey: app.appKey } : null,
    cityCode: r.cityCode,
    status: r.status as NumberStatus,
    statusCause: r.statusCause === null ? null : CAUSE_TEXT[r.statusCause] ? `${r.statusCause} (${CAUSE_TEXT[r.statusCause]})` : r.statusCause,
    statusChangedAt: r.statusChangedAt,
    capacity: app ? capacityOf(app.mode) : 0,
    appName: r.app,
  };
}
