import { useState } from 'preact/hooks';

/** The bearer token sent on HTTP and in graphql-ws connectionParams; kept in sessionStorage for this tab. */
export function TokenField({ token, onChange }: { token: string; onChange(token: string): void }) {
  const [draft, setDraft] = useState(token);
  return (
    <form
      class="token"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft.trim());
      }}
    >
      <label for="token">API token</label>
      <input id="token" type="password" autocomplete="off" placeholder="not needed in the sandbox" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
      <button type="submit">Use</button>
    </form>
  );
}
