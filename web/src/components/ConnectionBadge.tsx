import type { LinkState } from '../live';
import { UnreachableCaseError } from '../unreachable';

function describe(state: LinkState): { text: string; tone: string } {
  switch (state.kind) {
    case 'connecting':
      return { text: 'Connecting…', tone: 'wait' };
    case 'live':
      return { text: 'Live', tone: 'ok' };
    case 'resumed':
      return { text: `Live · resumed from cursor ${state.cursor}`, tone: 'ok' };
    case 'reconnecting':
      return { text: `Reconnecting… (attempt ${state.attempt})`, tone: 'wait' };
    case 'refused':
      return { text: `Not connected: ${state.message}`, tone: 'bad' };
    default:
      throw new UnreachableCaseError(state);
  }
}

/** Connection state, announced to screen readers as it changes. */
export function ConnectionBadge({ state }: { state: LinkState }) {
  const { text, tone } = describe(state);
  return (
    <p class={`badge tone-${tone}`} role="status" aria-live="polite" data-testid="connection">
      {text}
    </p>
  );
}
