import type { BoardNumberFragment } from '../generated/graphql';
import { STATUS_WORDS } from '../model';

/** The number inventory per app: status and active bindings against capacity; live via numberStatusChanged. */
export function Inventory({ numbers }: { numbers: BoardNumberFragment[] }) {
  const byApp = new Map<string, BoardNumberFragment[]>();
  for (const n of numbers) {
    const app = n.app?.name ?? '(no app)';
    byApp.set(app, [...(byApp.get(app) ?? []), n]);
  }
  return (
    <section class="panel inventory" aria-labelledby="inventory-title">
      <h2 id="inventory-title">Numbers</h2>
      {numbers.length === 0 && <p class="muted">No privacy numbers configured.</p>}
      {[...byApp].map(([app, list]) => (
        <div key={app} class="app-numbers">
          <h3>
            {app} <span class="muted">{list[0].app?.mode}</span>
          </h3>
          <ul>
            {list.map((n) => (
              <li key={n.number} data-number={n.number} data-status={n.status} class={`number ${n.status.toLowerCase()}`}>
                <span class="mono">{n.number}</span>
                <span class={`pill ${n.status.toLowerCase()}`} title={n.statusCause ?? undefined}>
                  {STATUS_WORDS[n.status]}
                </span>
                <span class="use">
                  <meter min={0} max={Math.max(1, n.capacity)} value={n.activeBindingCount} aria-label={`bindings on ${n.number}`} />
                  {n.activeBindingCount}/{n.capacity}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
