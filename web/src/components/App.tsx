import { useState } from 'preact/hooks';
import { readToken, saveToken } from '../token';
import { type BoardFilter, useBoard } from '../use-board';
import { ConnectionBadge } from './ConnectionBadge';
import { EmptyState } from './EmptyState';
import { Filters } from './Filters';
import { HourlyChart } from './HourlyChart';
import { Inventory } from './Inventory';
import { LiveCalls } from './LiveCalls';
import { Records } from './Records';
import { SimulateForm } from './SimulateForm';
import { TokenField } from './TokenField';

export function App() {
  const [token, setToken] = useState(readToken);
  const [filter, setFilter] = useState<BoardFilter>({ app: null, number: null });
  const board = useBoard(token, filter);
  const onToken = (t: string) => {
    saveToken(t);
    setToken(t);
  };
  const empty = board.loaded && !board.error && board.day.length === 0 && board.live.length === 0;
  return (
    <>
      <header class="top">
        <h1>
          Live call board <a href="/">gateway home</a>
        </h1>
        <ConnectionBadge state={board.link} />
        <TokenField token={token} onChange={onToken} />
      </header>
      <main>
        {board.error && (
          <p class="error" role="alert">
            Could not read from the gateway: {board.error}
          </p>
        )}
        <Filters apps={board.apps} numbers={board.numbers} filter={filter} onChange={setFilter} />
        {empty && <EmptyState sandbox={board.sandbox} />}
        <div class="grid">
          <LiveCalls calls={board.live} />
          {board.sandbox && <SimulateForm token={token} numbers={board.numbers} />}
          <Records calls={board.recent} token={token} />
          <HourlyChart calls={board.day} />
          <Inventory numbers={board.numbers} />
        </div>
      </main>
    </>
  );
}
