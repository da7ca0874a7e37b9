import type { PrivacyNumberRecord } from './privacy-number.repository';

/** The number as a status change left it, JSON-safe, as the event log carries it (kind `numberStatus`). */
export type NumberStatusPayload = Omit<PrivacyNumberRecord, 'statusChangedAt'> & { statusChangedAt: string | null };

export const toNumberStatusPayload = (r: PrivacyNumberRecord): NumberStatusPayload => ({ ...r, statusChangedAt: r.statusChangedAt?.toISOString() ?? null });
export const fromNumberStatusPayload = (p: NumberStatusPayload): PrivacyNumberRecord => ({ ...p, statusChangedAt: p.statusChangedAt === null ? null : new Date(p.statusChangedAt) });
