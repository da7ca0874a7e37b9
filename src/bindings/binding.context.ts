import type DataLoader from 'dataloader';
import { canSeeApp, type PrincipalContext } from '../auth/principal';
import { ErrorCode, GatewayError } from '../errors';
import type { BindingDeps } from './binding.deps';
import type { BindingKey } from './binding.loader';
import type { BindingRecord } from './binding.record';
import { mirroredRecord } from './binding.service';

/** What the bindings feature needs from the per-request GraphQL context. */
export interface BindingsContext extends PrincipalContext {
  /** Limited to the principal's apps: creates choose among them and lookups ask only them. */
  bindings: BindingDeps;
  loaders: { binding: DataLoader<BindingKey, BindingRecord | null, string> };
}

/** NOT_FOUND, worded like an id that does not exist, for a mirrored binding of an app outside the principal's scope. */
export async function checkBindingInScope(ctx: BindingsContext, id: string, field: string): Promise<void> {
  if (ctx.principal.apps === null) return;
  const record = await mirroredRecord(ctx.bindings, id);
  if (record && !canSeeApp(ctx.principal, record.app)) throw new GatewayError(ErrorCode.NotFound, `${field}: no binding ${id}`, { field });
}

/**
 * NOT_FOUND when `id` is given and the mirror holds no binding of that id the principal may see: a stream
 * filtered on it would wait forever. Bindings made outside this gateway are not in the mirror.
 */
export async function checkBindingKnown(ctx: BindingsContext, id: string | null | undefined, field: string): Promise<void> {
  if (id == null) return;
  const record = await mirroredRecord(ctx.bindings, id);
  if (!record || !canSeeApp(ctx.principal, record.app)) throw new GatewayError(ErrorCode.NotFound, `${field}: no binding ${id} (in the gateway's mirror)`, { field });
}
