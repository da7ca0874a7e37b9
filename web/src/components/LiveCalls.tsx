import { useEffect, useState } from 'preact/hooks';
import { formatDuration, type LiveCall, secondsBetween } from '../model';

const STATE_WORDS = { ringing: 'Ringing', answered: 'Answered', ended: 'Ended', failed: 'Not answered' } as const;

/** Re-renders every second while a call is answered, so its duration ticks. */
function useTick(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return active ? now : Date.now();
}

/** A row per call, moving ringing → answered → ended as call events arrive. */
export function LiveCalls({ calls }: { calls: LiveCall[] }) {
  const now = useTick(calls.some((c) => c.state === 'answered'));
  return (
    <section class="panel live" aria-labelledby="live-title">
      <h2 id="live-title">Live calls</h2>
      {calls.length === 0 ? (
        <p class="muted">No call in progress. Calls appear here the moment the platform pushes them.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Caller</th>
                <th scope="col">Privacy number</th>
                <th scope="col">Callee</th>
                <th scope="col">Talk time</th>
                <th scope="col">Hang-up</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.sessionId} data-session={c.sessionId} data-state={c.state}>
                  <td>
                    <span class={`pill ${c.state}`}>{STATE_WORDS[c.state]}</span>
                  </td>
                  <td>{c.caller ?? '—'}</td>
                  <td>{c.privacyNumber ?? '—'}</td>
                  <td>{c.callee ?? '—'}</td>
                  <td class="num">{c.answeredAt ? formatDuration(secondsBetween(c.answeredAt, c.endedAt, now)) : '—'}</td>
                  <td>{c.hangupReason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
