import { useState } from 'preact/hooks';
import { request } from '../api';
import { type BoardNumberFragment, BoardSimulateCallDocument } from '../generated/graphql';

/** Sandbox only: the embedded platform plays a call from `from` to a privacy number (simulateCall). */
export function SimulateForm({ token, numbers }: { token: string; numbers: BoardNumberFragment[] }) {
  const [from, setFrom] = useState('+8613800000001');
  const [to, setTo] = useState('');
  const [talkSeconds, setTalk] = useState(20);
  const [answer, setAnswer] = useState(true);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const target = to || numbers.find((n) => n.activeBindingCount > 0)?.number || numbers[0]?.number || '';
  const submit = async (e: Event) => {
    e.preventDefault();
    setResult(null);
    try {
      const r = await request(BoardSimulateCallDocument, { input: { from: from.trim(), to: target, talkSeconds, answer } }, token);
      setResult({ ok: true, text: `Call ${r.simulateCall.sessionId} started` });
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <section class="panel simulate" aria-labelledby="simulate-title">
      <h2 id="simulate-title">Simulate a call</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          From
          <input name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} required />
        </label>
        <label>
          To (privacy number)
          <select name="to" value={target} onChange={(e) => setTo(e.currentTarget.value)}>
            {numbers.map((n) => (
              <option key={n.number} value={n.number}>
                {n.number} · {n.app?.name} · {n.activeBindingCount} bound
              </option>
            ))}
          </select>
        </label>
        <label>
          Talk seconds
          <input name="talkSeconds" type="number" min={0} max={7200} value={talkSeconds} onInput={(e) => setTalk(Number(e.currentTarget.value))} />
        </label>
        <label class="check">
          <input name="answer" type="checkbox" checked={answer} onChange={(e) => setAnswer(e.currentTarget.checked)} /> Callee answers
        </label>
        <button type="submit">Simulate call</button>
      </form>
      {result && (
        <p class={result.ok ? 'ok' : 'error'} role="status">
          {result.text}
        </p>
      )}
    </section>
  );
}
