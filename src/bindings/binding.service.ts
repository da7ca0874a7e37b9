import type { AppConfig } from '../config';
import { ErrorCode, GatewayError, UserInputError } from '../errors';
import { PlatformError } from '../platform';
import { UnreachableCaseError } from '../shared/unreachable';
import type { BindingDeps } from './binding.deps';
import { newBinding } from './binding-create.service';
import { type PlatformView, fromAxbInfo, fromAxeInfo, fromAxInfo, fromAxybInfo } from './binding.mapper';
import { type BindingRecord, effectiveStatus } from './binding.record';
import type { BindingListFilter } from './binding.repository';
import type { Page } from '../store/paging';

/** How far before the mirror's expiry a binding the platform forgot still counts as expired, ms. */
export const EXPIRY_SLACK_MS = 5000;

/** Result codes by which the platform says "no such binding". */
const NOT_FOUND_CODES = new Set(['1012007', '1016001', '1011004']);

export function isPlatformNotFound(err: unknown): boolean {
  return err instanceof PlatformError && err.kind === 'rejected' && NOT_FOUND_CODES.has(err.resultcode ?? '');
}

/** Asks one app's platform interface for a binding by subscriptionId (one GET). Null when it does not know it. */
export async function queryPlatform(deps: BindingDeps, app: AppConfig, id: string): Promise<PlatformView | null> {
  const api = deps.platform.app(app);
  try {
    switch (app.mode) {
      case 'AXB': {
        const first = (await api.axb.query({ subscriptionId: id })).relationNumList?.[0];
        return first ? fromAxbInfo(first) : null;
      }
      case 'AX': {
        const first = (await api.ax.query({ subscriptionId: id })).privateNumList?.[0];
        return first ? fromAxInfo(first) : null;
      }
      case 'AXE': {
        const res = await api.axe.query({ subscriptionId: id });
        return res.subscriptionId ? fromAxeInfo(res) : null;
      }
      case 'AXYB': {
        const first = (await api.axyb.query({ subscriptionId: id })).xyRelationNumList?.[0];
        return first ? fromAxybInfo(first) : null;
      }
      default:
        throw new UnreachableCaseError(app.mode);
    }
  } catch (err) {
    if (isPlatformNotFound(err)) return null;
    throw err;
  }
}

/**
 * The platform reports times to the second (`yyyy-MM-dd HH:mm:ss`) from its own clock, so an expiry it
 * computes may differ from the mirror's by up to about a second without either being wrong. Within that
 * tolerance the mirror keeps its own, more precise value; beyond it the platform wins.
 */
const PLATFORM_TIME_TOLERANCE_MS = 2000;

function sameInstantToTheSecond(platform: Date | null | undefined, mirror: Date | null): boolean {
  if (!platform || !mirror) return false;
  return Math.abs(platform.getTime() - mirror.getTime()) < PLATFORM_TIME_TOLERANCE_MS;
}

/** Whether every field the platform reported equals the mirror's (Dates by instant). */
function mirrorsAlready(fields: Partial<BindingRecord>, mirrored: BindingRecord): boolean {
  return (Object.keys(fields) as (keyof BindingRecord)[]).every((k) => {
    const reported = fields[k];
    const stored = mirrored[k];
    return reported instanceof Date && stored instanceof Date ? reported.getTime() === stored.getTime() : reported === stored;
  });
}

/**
 * The platform's current view of one binding, written through to the mirror. A binding the mirror knows
 * but the platform does not becomes EXPIRED (past its expiry) or DELETED. An id the mirror does not know
 * is looked up in one app only, so a binding made outside the gateway can be adopted: the app named by
 * `appName`, else the only configured app; with several apps and no name it is null, asking nobody (one
 * unknown id must never cost a GET per app). An answer that matches the mirrored ACTIVE row writes nothing
 * (a read of an unchanged binding is one SELECT and one GET).
 */
export async function refreshBinding(deps: BindingDeps, id: string, appName?: string | null): Promise<BindingRecord | null> {
  const mirrored = await deps.repo.get(deps.db, id);
  const appsToAsk = mirrored ? deps.apps.filter((a) => a.name === mirrored.app) : appsForUnknownId(deps.apps, appName);
  // An app no longer configured cannot be asked: its bindings stay as mirrored rather than turn DELETED.
  if (mirrored && appsToAsk.length === 0) return mirrored;
  const now = deps.now();
  for (const app of appsToAsk) {
    const view = await queryPlatform(deps, app, id);
    if (!view) continue;
    const { subscribedAt, ...reported } = view;
    // What the platform does not report stays as mirrored (or takes the mode's default for an adopted binding).
    const fields = Object.fromEntries(Object.entries(reported).filter(([, v]) => v !== undefined)) as typeof reported;
    if (mirrored) {
      if (sameInstantToTheSecond(fields.expiresAt, mirrored.expiresAt)) delete fields.expiresAt;
      if (mirrored.status === 'ACTIVE' && mirrorsAlready(fields, mirrored)) return mirrored;
      // A delete that committed since the read wins: the refresh then answers what is stored now.
      const updated = await deps.repo.update(deps.db, id, { ...fields, status: 'ACTIVE' }, now, 'notDeleted');
      return updated ?? (await deps.repo.get(deps.db, id)) ?? mirrored;
    }
    return deps.repo.insert(
      deps.db,
      newBinding({ id, app: app.name, mode: app.mode, smsEnabled: app.mode === 'AX' || app.mode === 'AXB', ...fields, status: 'ACTIVE', createdAt: subscribedAt ?? now }),
    );
  }
  if (!mirrored) return null;
  if (mirrored.status !== 'ACTIVE') return mirrored;
  // The platform counts a lifetime from its own bind time, which is a little before ours: a binding it
  // dropped within EXPIRY_SLACK_MS of our expiry ran out; otherwise someone removed it.
  const expired = mirrored.expiresAt !== null && mirrored.expiresAt.getTime() - now.getTime() <= EXPIRY_SLACK_MS;
  const gone = expired ? 'EXPIRED' : 'DELETED';
  return (await deps.repo.update(deps.db, id, { status: gone }, now)) ?? mirrored;
}

/** Where an id the mirror does not know is looked up: the named app, else the only app, else none. */
function appsForUnknownId(apps: readonly AppConfig[], appName: string | null | undefined): readonly AppConfig[] {
  if (appName == null) return apps.length === 1 ? apps : [];
  const app = apps.find((a) => a.name === appName);
  if (!app) throw new UserInputError('app', `no app named "${appName}"; configured: ${apps.map((a) => a.name).join(', ') || 'none'}`);
  return [app];
}

/** The unbind interface of each mode, by subscriptionId. */
async function unbindOnPlatform(deps: BindingDeps, app: AppConfig, id: string): Promise<void> {
  const api = deps.platform.app(app);
  switch (app.mode) {
    case 'AXB':
      return api.axb.unbind({ subscriptionId: id });
    case 'AX':
      return api.ax.unbind({ subscriptionId: id });
    case 'AXE':
      return api.axe.unbind({ subscriptionId: id });
    case 'AXYB':
      return api.axyb.unbind({ subscriptionId: id });
    default:
      throw new UnreachableCaseError(app.mode);
  }
}

/** Unbinds on the platform, then marks the mirror DELETED. A binding the platform already forgot is deleted too. */
export async function deleteBinding(deps: BindingDeps, id: string): Promise<BindingRecord> {
  const current = (await deps.repo.get(deps.db, id)) ?? (await refreshBinding(deps, id));
  if (!current) throw new GatewayError(ErrorCode.NotFound, `id: no binding ${id}`, { field: 'id' });
  if (current.status === 'DELETED') return current;
  const app = deps.apps.find((a) => a.name === current.app);
  if (!app) throw new GatewayError(ErrorCode.NotFound, `id: binding ${id} belongs to app "${current.app}", which is not configured`, { field: 'id' });
  try {
    await unbindOnPlatform(deps, app, id);
  } catch (err) {
    if (!isPlatformNotFound(err)) throw err;
  }
  return (await deps.repo.update(deps.db, id, { status: 'DELETED' }, deps.now())) ?? current;
}

/** The mirrored binding for a mutation on it, or NOT_FOUND naming the argument. */
export async function requireBinding(deps: BindingDeps, id: string, field: string): Promise<BindingRecord> {
  const record = (await deps.repo.get(deps.db, id)) ?? (await refreshBinding(deps, id));
  if (!record) throw new GatewayError(ErrorCode.NotFound, `${field}: no binding ${id}`, { field });
  const status = effectiveStatus(record, deps.now());
  if (status !== 'ACTIVE') throw new GatewayError(ErrorCode.NotFound, `${field}: binding ${id} is ${status}`, { field });
  return record;
}

/** The mirror's binding of that id, or null; no platform call. */
export function mirroredRecord(deps: BindingDeps, id: string): Promise<BindingRecord | null> {
  return deps.repo.get(deps.db, id);
}

/** A page of the mirror, oldest first, with statuses effective at `now`; no platform call. */
export function listBindings(deps: BindingDeps, filter: BindingListFilter, first: number, after: string | null, now: Date): Promise<Page<BindingRecord>> {
  return deps.repo.list(deps.db, filter, first, after, now);
}
