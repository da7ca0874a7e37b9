import type { BindingModeName } from '../config';
import type { Queryable } from '../store/db';
import { type Page, pageOf, pagesOf, SqlFilter } from '../store/paging';
import { UnreachableCaseError } from '../shared/unreachable';
import type { BindingRecord, StoredBindingStatus } from './binding.record';
import { type CallDirection, callDirectionOfWire, parseWireCallDirection, toWireCallDirection } from './call-direction';

/** Conditions a mirror update may require: `notDeleted` (a refresh never revives a deleted binding), `noPartyB` (one B per AXYB binding). */
export type UpdateCondition = 'notDeleted' | 'noPartyB';
const UPDATE_CONDITION: Readonly<Record<UpdateCondition, string>> = { notDeleted: "status <> 'DELETED'", noPartyB: 'party_b IS NULL' };

/** The local mirror of bindings: every create/update/delete the gateway makes is written here. */

export interface BindingListFilter {
  mode?: BindingModeName;
  privacyNumber?: string;
  /** Matches A, B or Y. */
  party?: string;
  status?: StoredBindingStatus;
  /** Only these apps (the principal's scope, or the one a filter names); absent = every app. */
  apps?: readonly string[];
}

interface Row {
  id: string;
  app: string;
  mode: BindingModeName;
  privacy_number: string;
  party_a: string;
  party_b: string | null;
  number_y: string | null;
  extension: string | null;
  callback_number: string | null;
  call_direction: number;
  record_calls: boolean;
  max_call_minutes: number | null;
  sms_enabled: boolean;
  user_data: string | null;
  temporary_callee: string | null;
  temporary_callee_expires_at: Date | string | null;
  status: StoredBindingStatus;
  created_at: Date | string;
  updated_at: Date | string;
  expires_at: Date | string | null;
  seq: number | string;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

/** `call_direction` holds the platform's code (0 / 1 / 2). */
function storedDirection(r: Row): CallDirection {
  const wire = parseWireCallDirection(r.call_direction);
  if (wire === undefined) throw new Error(`binding ${r.id}: call_direction ${r.call_direction} is not 0, 1 or 2`);
  return callDirectionOfWire(wire);
}

function toRecord(r: Row): BindingRecord {
  return {
    id: r.id,
    app: r.app,
    mode: r.mode,
    privacyNumber: r.privacy_number,
    partyA: r.party_a,
    partyB: r.party_b,
    numberY: r.number_y,
    extension: r.extension,
    callbackNumber: r.callback_number,
    callDirection: storedDirection(r),
    recordCalls: r.record_calls,
    maxCallMinutes: r.max_call_minutes,
    smsEnabled: r.sms_enabled,
    userData: r.user_data,
    temporaryCallee: r.temporary_callee,
    temporaryCalleeExpiresAt: date(r.temporary_callee_expires_at),
    status: r.status,
    createdAt: date(r.created_at) as Date,
    updatedAt: date(r.updated_at) as Date,
    expiresAt: date(r.expires_at),
    seq: Number(r.seq),
  };
}

/** Columns a create writes; `seq` is assigned by the database. */
export type NewBinding = Omit<BindingRecord, 'seq' | 'updatedAt'>;

/** Fields an update may change. */
export type BindingPatch = Partial<
  Pick<
    BindingRecord,
    | 'privacyNumber'
    | 'partyA'
    | 'partyB'
    | 'numberY'
    | 'extension'
    | 'callDirection'
    | 'recordCalls'
    | 'maxCallMinutes'
    | 'smsEnabled'
    | 'userData'
    | 'callbackNumber'
    | 'temporaryCallee'
    | 'temporaryCalleeExpiresAt'
    | 'status'
    | 'expiresAt'
  >
>;

const COLUMN: Record<keyof BindingPatch, string> = {
  privacyNumber: 'privacy_number',
  extension: 'extension',
  userData: 'user_data',
  partyA: 'party_a',
  partyB: 'party_b',
  numberY: 'number_y',
  callDirection: 'call_direction',
  recordCalls: 'record_calls',
  maxCallMinutes: 'max_call_minutes',
  smsEnabled: 'sms_enabled',
  callbackNumber: 'callback_number',
  temporaryCallee: 'temporary_callee',
  temporaryCalleeExpiresAt: 'temporary_callee_expires_at',
  status: 'status',
  expiresAt: 'expires_at',
};

export class BindingRepository {
  /** Inserts a binding; an id already mirrored is replaced (the platform's answer is the truth). */
  async insert(db: Queryable, b: NewBinding): Promise<BindingRecord> {
    const { rows } = await db.query<Row>(
      `INSERT INTO bindings (id, app, mode, privacy_number, party_a, party_b, number_y, extension, callback_number,
         call_direction, record_calls, max_call_minutes, sms_enabled, user_data, temporary_callee,
         temporary_callee_expires_at, status, created_at, updated_at, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18,$19)
       ON CONFLICT (id) DO UPDATE SET app = EXCLUDED.app, mode = EXCLUDED.mode, privacy_number = EXCLUDED.privacy_number,
         party_a = EXCLUDED.party_a, party_b = EXCLUDED.party_b, number_y = EXCLUDED.number_y, extension = EXCLUDED.extension,
         callback_number = EXCLUDED.callback_number, call_direction = EXCLUDED.call_direction,
         record_calls = EXCLUDED.record_calls, max_call_minutes = EXCLUDED.max_call_minutes,
         sms_enabled = EXCLUDED.sms_enabled, user_data = EXCLUDED.user_data, status = EXCLUDED.status,
         updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at
       RETURNING *`,
      [b.id, b.app, b.mode, b.privacyNumber, b.partyA, b.partyB, b.numberY, b.extension, b.callbackNumber,
        toWireCallDirection(b.callDirection), b.recordCalls, b.maxCallMinutes, b.smsEnabled, b.userData, b.temporaryCallee,
        b.temporaryCalleeExpiresAt, b.status, b.createdAt, b.expiresAt],
    );
    return toRecord(rows[0]);
  }

  /**
   * Applies `patch`; null when no row has the id, or when `only` does not hold for it at that moment (the
   * check and the write are one statement, so a concurrent delete or YB bind is never overwritten).
   */
  async update(db: Queryable, id: string, patch: BindingPatch, now: Date, only?: UpdateCondition): Promise<BindingRecord | null> {
    const keys = (Object.keys(patch) as (keyof BindingPatch)[]).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k, i) => `${COLUMN[k]} = $${i + 3}`);
    const { rows } = await db.query<Row>(
      `UPDATE bindings SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1${only ? ` AND ${UPDATE_CONDITION[only]}` : ''} RETURNING *`,
      [id, now, ...keys.map((k) => (k === 'callDirection' ? toWireCallDirection(patch.callDirection) : patch[k]))],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async get(db: Queryable, id: string): Promise<BindingRecord | null> {
    const { rows } = await db.query<Row>('SELECT * FROM bindings WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getMany(db: Queryable, ids: readonly string[]): Promise<Map<string, BindingRecord>> {
    if (ids.length === 0) return new Map();
    const { rows } = await db.query<Row>('SELECT * FROM bindings WHERE id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  /** Pages in creation order; `status` is the effective status (an ACTIVE row past its expiry counts as EXPIRED). */
  list(db: Queryable, filter: BindingListFilter, first: number, after: string | null, now: Date): Promise<Page<BindingRecord>> {
    const w = new SqlFilter();
    if (filter.mode) w.and(`mode = ${w.p(filter.mode)}`);
    if (filter.apps) w.and(`app = ANY(${w.p(filter.apps)}::text[])`);
    if (filter.privacyNumber) {
      const number = w.p(filter.privacyNumber);
      w.and(`(privacy_number = ${number} OR number_y = ${number})`);
    }
    if (filter.party) {
      const party = w.p(filter.party);
      w.and(`(party_a = ${party} OR party_b = ${party})`);
    }
    if (filter.status) w.and(statusCondition(filter.status, w.p(now)));
    return pageOf(db, { table: 'bindings', filter: w, orderColumn: 'seq', direction: 'ASC', first, after, map: toRecord });
  }

  /** The same page of the bindings of each privacy number (as X, or as Y in AXYB), oldest first, in one query; see `pagesOf`. */
  pagesByNumber(db: Queryable, numbers: readonly string[], first: number, after: string | null): Promise<Map<string, Page<BindingRecord>>> {
    const q = { table: 'bindings', filter: new SqlFilter(), orderColumn: 'seq', direction: 'ASC' as const, first, after, map: toRecord };
    return pagesOf(db, q, numbers, (key) => `(t.privacy_number = ${key} OR t.number_y = ${key})`);
  }

  /** Active (unexpired) bindings per privacy number, counting a number used as X or as Y. */
  async countActive(db: Queryable, numbers: readonly string[], now: Date): Promise<Map<string, number>> {
    if (numbers.length === 0) return new Map();
    const { rows } = await db.query<{ number: string; n: number }>(
      `SELECT number, count(*)::int AS n FROM (
         SELECT privacy_number AS number FROM bindings WHERE ${statusCondition('ACTIVE', '$2')} AND privacy_number = ANY($1::text[])
         UNION ALL
         SELECT number_y AS number FROM bindings WHERE ${statusCondition('ACTIVE', '$2')} AND number_y = ANY($1::text[])
       ) t GROUP BY number`,
      [numbers, now],
    );
    return new Map(rows.map((r) => [r.number, Number(r.n)]));
  }
}

function statusCondition(status: StoredBindingStatus, nowParam: string): string {
  switch (status) {
    case 'ACTIVE':
      return `(status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > ${nowParam}))`;
    case 'EXPIRED':
      return `(status = 'EXPIRED' OR (status = 'ACTIVE' AND expires_at <= ${nowParam}))`;
    case 'DELETED':
      return `(status = 'DELETED' AND ${nowParam}::timestamptz IS NOT NULL)`;
    default:
      throw new UnreachableCaseError(status);
  }
}
