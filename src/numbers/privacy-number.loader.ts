import DataLoader from 'dataloader';
import type { BindingRepository } from '../bindings/binding.repository';
import type { Db } from '../store/db';

/** Per-request loader: active (unexpired) bindings per number, one SQL query for all numbers on a page. */
export function createActiveBindingCountLoader(db: Db, bindings: BindingRepository, now: () => Date, cache = true): DataLoader<string, number> {
  return new DataLoader<string, number>(async (numbers) => {
    const counts = await bindings.countActive(db, numbers, now());
    return numbers.map((n) => counts.get(n) ?? 0);
  }, { cache });
}
