import type DataLoader from 'dataloader';
import type { PrincipalContext } from '../auth/principal';
import type { AppConfig } from '../config';
import type { BindingRecord } from '../bindings/binding.record';
import type { NestedPageKey } from '../shared/nested-page.loader';
import type { Db } from '../store/db';
import type { Page } from '../store/paging';
import type { NumberUsage } from './privacy-number.loader';
import type { PrivacyNumberRepository } from './privacy-number.repository';

/** What the numbers feature needs; built once by the composition root. */
export interface NumberDeps {
  db: Db;
  repo: PrivacyNumberRepository;
  apps: readonly AppConfig[];
  now: () => Date;
  /**
   * Called after numbers were imported into an app's inventory. In sandbox mode the composition root passes
   * the embedded emulator's `addNumbers`, so imported numbers can really be bound.
   */
  onImport?: (app: string, numbers: { number: string; cityCode: string | null }[]) => void | Promise<void>;
}

/** What the numbers feature needs from the per-request GraphQL context. */
export interface NumbersContext extends PrincipalContext {
  numbers: NumberDeps;
  loaders: {
    numberUsage: DataLoader<string, NumberUsage>;
    /** `PrivacyNumber.bindings`: the pages of every number of a page in one query. */
    bindingsByNumber: DataLoader<NestedPageKey, Page<BindingRecord>, string>;
  };
}
