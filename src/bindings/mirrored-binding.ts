import type DataLoader from 'dataloader';
import type { BindingDeps } from './binding.deps';
import type { BindingRecord } from './binding.record';
import { type BindingView, toBindingView } from './binding.view';

/** What a cross-feature `binding` field needs from the request context: the mirror loader and the bindings' apps. */
export interface MirroredBindingContext {
  bindings: Pick<BindingDeps, 'apps' | 'now'>;
  loaders: { bindingMirror: DataLoader<string, BindingRecord | null> };
}

/**
 * The binding a call, call event or SMS went through, from the mirror (no platform call); null when the
 * push named none or the mirror does not know it.
 */
export async function mirroredBinding(ctx: MirroredBindingContext, bindingId: string | null): Promise<BindingView | null> {
  if (!bindingId) return null;
  const record = await ctx.loaders.bindingMirror.load(bindingId);
  return record && toBindingView(record, ctx.bindings.apps, ctx.bindings.now());
}
