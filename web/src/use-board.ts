import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { collect, request } from './api';
import {
  BoardAppsDocument,
  type BoardAppsQuery,
  type BoardCallFragment,
  BoardCallsDocument,
  type BoardNumberFragment,
  BoardNumbersDocument,
  BoardSandboxDocument,
} from './generated/graphql';
import { type LinkState, LiveLink } from './live';
import { applyCallEvent, fromCall, type LiveCall } from './model';

export interface BoardFilter {
  app: string | null;
  number: string | null;
}

export interface BoardData {
  apps: BoardAppsQuery['apps'];
  sandbox: boolean;
  numbers: BoardNumberFragment[];
  live: LiveCall[];
  /** Newest first, finished calls only. */
  recent: BoardCallFragment[];
  /** Every call started in the last 24 h, for the chart. */
  day: BoardCallFragment[];
  link: LinkState;
  /** The last load error in words, or null. */
  error: string | null;
  loaded: boolean;
}

const EMPTY: BoardData = { apps: [], sandbox: false, numbers: [], live: [], recent: [], day: [], link: { kind: 'connecting' }, error: null, loaded: false };

/** The board's state: queries on every (re)connection, then subscriptions keep it live. */
export function useBoard(token: string, filter: BoardFilter): BoardData & { reload(): void } {
  const [data, setData] = useState<BoardData>(EMPTY);
  const cursor = useRef<string | null>(null);
  const patch = (p: Partial<BoardData> | ((d: BoardData) => Partial<BoardData>)) => setData((d) => ({ ...d, ...(typeof p === 'function' ? p(d) : p) }));

  const load = useCallback(async () => {
    try {
      const callFilter = { app: filter.app ?? undefined, privacyNumber: filter.number ?? undefined };
      const since = new Date(Date.now() - 24 * 3_600_000).toISOString();
      const [apps, sandbox, numbers, day] = await Promise.all([
        request(BoardAppsDocument, {}, token),
        request(BoardSandboxDocument, {}, token).then((r) => Boolean(r.__type?.fields?.some((f) => f.name === 'simulateCall'))).catch(() => false),
        collect((after) => request(BoardNumbersDocument, { filter: { app: filter.app ?? undefined }, after }, token).then((r) => r.privacyNumbers), 20),
        collect((after) => request(BoardCallsDocument, { filter: { ...callFilter, from: since }, first: 100, after }, token).then((r) => r.calls), 10),
      ]);
      const ongoing = day.map(fromCall).filter((c): c is LiveCall => c !== null);
      patch((d) => ({
        apps: apps.apps,
        sandbox,
        numbers,
        day,
        recent: day.filter((c) => c.state === 'ENDED' || c.state === 'FAILED').slice(0, 20),
        live: mergeLive(d.live, ongoing),
        error: null,
        loaded: true,
      }));
    } catch (err) {
      patch({ error: (err as Error).message, loaded: true });
    }
  }, [token, filter.app, filter.number]);

  const reloadSoon = useDebounced(load, 300);

  useEffect(() => {
    setData((d) => ({ ...d, live: [], recent: [], day: [] }));
    const link = new LiveLink({
      token,
      app: filter.app,
      filter: { app: filter.app ?? undefined, privacyNumber: filter.number ?? undefined },
      cursor: cursor.current,
      onState: (link) => patch({ link }),
      onConnected: () => void load(),
      onCallEvent: (e) => {
        cursor.current = e.cursor;
        patch((d) => ({ live: applyCallEvent(d.live, e) }));
        if (e.type === 'DISCONNECT') reloadSoon();
      },
      onNumber: (n) => patch((d) => ({ numbers: d.numbers.some((x) => x.number === n.number) ? d.numbers.map((x) => (x.number === n.number ? n : x)) : d.numbers })),
      onRecord: () => reloadSoon(),
    });
    link.start();
    void load();
    return () => {
      cursor.current = link.lastCursor();
      link.dispose();
    };
  }, [token, filter.app, filter.number]);

  return { ...data, reload: () => void load() };
}

/** Live rows from events, plus rows for calls the query reports as ongoing that no event has shown yet. */
function mergeLive(live: LiveCall[], ongoing: LiveCall[]): LiveCall[] {
  const known = new Set(live.map((c) => c.sessionId));
  return [...live, ...ongoing.filter((c) => !known.has(c.sessionId))].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function useDebounced(fn: () => Promise<void>, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void latest.current(), ms);
  }, [ms]);
}
