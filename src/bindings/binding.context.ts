import type DataLoader from 'dataloader';
import type { BindingDeps } from './binding.deps';
import type { BindingRecord } from './binding.record';

/** What the bindings feature needs from the per-request GraphQL context. */
export interface BindingsContext {
  bindings: BindingDeps;
  loaders: { binding: DataLoader<string, BindingRecord | null> };
}
