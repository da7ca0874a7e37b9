import type DataLoader from 'dataloader';
import type { BindingDeps } from './binding.deps';
import type { BindingKey } from './binding.loader';
import type { BindingRecord } from './binding.record';

/** What the bindings feature needs from the per-request GraphQL context. */
export interface BindingsContext {
  bindings: BindingDeps;
  loaders: { binding: DataLoader<BindingKey, BindingRecord | null, string> };
}
