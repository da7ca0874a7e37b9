import type { BoardAppsQuery, BoardNumberFragment } from '../generated/graphql';
import type { BoardFilter } from '../use-board';

/** App and privacy-number filters; they apply to every panel and to the live streams. */
export function Filters(props: { apps: BoardAppsQuery['apps']; numbers: BoardNumberFragment[]; filter: BoardFilter; onChange(f: BoardFilter): void }) {
  const { apps, numbers, filter, onChange } = props;
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
      <label>
        App{' '}
        <select value={filter.app ?? ''} onChange={(e) => onChange({ app: e.currentTarget.value || null, number: null })}>
          <option value="">All apps</option>
          {apps.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} ({a.mode})
            </option>
          ))}
        </select>
      </label>
      <label>
        Number{' '}
        <select value={filter.number ?? ''} onChange={(e) => onChange({ ...filter, number: e.currentTarget.value || null })}>
          <option value="">All numbers</option>
          {numbers.map((n) => (
            <option key={n.number} value={n.number}>
              {n.number}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
