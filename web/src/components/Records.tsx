import { useState } from 'preact/hooks';
import { request } from '../api';
import { type BoardCallFragment, BoardRecordingDocument } from '../generated/graphql';
import { formatDuration, hangupInWords } from '../model';

type Recording = { state: 'idle' } | { state: 'asking' } | { state: 'ready'; url: string; fileName: string } | { state: 'none'; message: string };

/**
 * The recording's address is asked from the platform only when someone presses the button. It is on the
 * platform's host (in the sandbox: the emulator), so it opens in a new tab: this page itself loads nothing
 * from another origin (its Content-Security-Policy allows only 'self').
 */
function RecordingButton({ sessionId, token }: { sessionId: string; token: string }) {
  const [rec, setRec] = useState<Recording>({ state: 'idle' });
  const ask = async () => {
    setRec({ state: 'asking' });
    try {
      const r = (await request(BoardRecordingDocument, { sessionId }, token)).call?.recording;
      setRec(r ? { state: 'ready', url: r.downloadUrl, fileName: r.fileName } : { state: 'none', message: 'No recording' });
    } catch (err) {
      setRec({ state: 'none', message: (err as Error).message });
    }
  };
  switch (rec.state) {
    case 'idle':
      return (
        <button type="button" onClick={() => void ask()} aria-label={`Get the recording of call ${sessionId}`}>
          ▶ Recording
        </button>
      );
    case 'asking':
      return <span class="muted">Asking the platform…</span>;
    case 'ready':
      return (
        <a class="button" href={rec.url} target="_blank" rel="noopener noreferrer" data-testid="recording-link">
          ▶ Play {rec.fileName}
        </a>
      );
    case 'none':
      return <span class="muted">{rec.message}</span>;
  }
}

/** Finished calls, newest first: talk time, hang-up reason in words, the recording when there is one. */
export function Records({ calls, token }: { calls: BoardCallFragment[]; token: string }) {
  return (
    <section class="panel records" aria-labelledby="records-title">
      <h2 id="records-title">Recent call records</h2>
      {calls.length === 0 ? (
        <p class="muted">Finished calls and their records (CDRs) are listed here.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Ended</th>
                <th scope="col">Caller → callee</th>
                <th scope="col">Talk time</th>
                <th scope="col">Hang-up reason</th>
                <th scope="col">Recording</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.sessionId} data-session={c.sessionId} data-record={c.record ? 'yes' : 'no'}>
                  <td>{c.endedAt ? new Date(c.endedAt).toLocaleTimeString() : '—'}</td>
                  <td>
                    {c.caller ?? '—'} → {c.callee ?? '—'}
                  </td>
                  <td class="num">{formatDuration(c.record?.durationSeconds ?? c.durationSeconds ?? 0)}</td>
                  <td>{hangupInWords(c.hangupCode, c.hangupReason) ?? '—'}</td>
                  <td>{c.record?.recorded ? <RecordingButton sessionId={c.sessionId} token={token} /> : <span class="muted">{c.record ? 'not recorded' : 'record pending'}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
