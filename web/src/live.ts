import { print } from 'graphql/language/printer';
import { type Client, createClient } from 'graphql-ws';
import {
  BoardCallEventsDocument,
  type BoardCallEventsSubscription,
  type BoardCallRecordsSubscription,
  BoardCallRecordsDocument,
  type BoardNumberFragment,
  BoardNumberStatusDocument,
  type CallEventFilter,
} from './generated/graphql';
import { wsUrl } from './api';
import { authorizationOf } from './token';

export type CallEventMessage = BoardCallEventsSubscription['callEvents'];
export type CallRecordMessage = BoardCallRecordsSubscription['callRecords'];

/** What the connection badge shows. */
export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'resumed'; cursor: string }
  | { kind: 'reconnecting'; attempt: number }
  | { kind: 'refused'; message: string };

export interface LiveLinkOptions {
  token: string;
  filter: CallEventFilter;
  app: string | null;
  /** Resume from here on the first connection too (a new link after a filter change keeps the old cursor). */
  cursor: string | null;
  onState(state: LinkState): void;
  /** Each (re)connection: the queries should be read again, as pushes may have landed while away. */
  onConnected(): void;
  onCallEvent(event: CallEventMessage): void;
  onNumber(number: BoardNumberFragment): void;
  onRecord(record: CallRecordMessage): void;
}

const MAX_BACKOFF_MS = 4000;

/**
 * The board's graphql-ws connection. graphql-ws would retry by itself, but it resubscribes with the
 * original variables; this link reconnects on its own instead, so `callEvents` resumes with
 * `after: <last cursor seen>` and nothing stored while away is missed.
 */
export class LiveLink {
  private client: Client | null = null;
  private attempt = 0;
  private connections = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private cursor: string | null;

  constructor(private readonly options: LiveLinkOptions) {
    this.cursor = options.cursor;
  }

  /** The cursor of the last call event seen, to pass on to the next link. */
  lastCursor(): string | null {
    return this.cursor;
  }

  start(): void {
    this.options.onState({ kind: 'connecting' });
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    void this.client?.dispose();
    this.client = null;
  }

  private connect(): void {
    const authorization = authorizationOf(this.options.token);
    const resumeFrom = this.cursor;
    const client = createClient({
      url: wsUrl(),
      lazy: false,
      retryAttempts: 0,
      connectionParams: authorization ? { authorization } : {},
      onNonLazyError: () => undefined,
      on: {
        connected: () => this.onConnected(resumeFrom),
        closed: (event) => this.onClosed(client, event as { code?: number; reason?: string }),
      },
    });
    this.client = client;
    const { filter, app } = this.options;
    client.subscribe<BoardCallEventsSubscription>(
      { query: print(BoardCallEventsDocument), variables: { filter, after: resumeFrom ?? undefined } },
      sink((data) => {
        this.cursor = data.callEvents.cursor;
        this.options.onCallEvent(data.callEvents);
      }),
    );
    client.subscribe<{ numberStatusChanged: BoardNumberFragment }>(
      { query: print(BoardNumberStatusDocument), variables: { app: app ?? undefined } },
      sink((data) => this.options.onNumber(data.numberStatusChanged)),
    );
    client.subscribe<BoardCallRecordsSubscription>({ query: print(BoardCallRecordsDocument) }, sink((data) => this.options.onRecord(data.callRecords)));
  }

  private onConnected(resumeFrom: string | null): void {
    this.connections++;
    this.attempt = 0;
    const resumed = this.connections > 1 && resumeFrom !== null;
    this.options.onState(resumed ? { kind: 'resumed', cursor: resumeFrom } : { kind: 'live' });
    this.options.onConnected();
  }

  private onClosed(client: Client, event: { code?: number; reason?: string }): void {
    if (this.disposed || client !== this.client) return;
    void client.dispose();
    this.client = null;
    if (event.code === 4401 || event.code === 4403) {
      this.options.onState({ kind: 'refused', message: event.reason || 'The gateway refused the token' });
      return;
    }
    this.attempt++;
    this.options.onState({ kind: 'reconnecting', attempt: this.attempt });
    this.timer = setTimeout(() => this.connect(), Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.attempt - 1)));
  }
}

/** A sink that passes data on; errors of a closing socket are handled by `closed`, GraphQL errors are logged. */
function sink<T>(next: (data: T) => void) {
  return {
    next: (result: { data?: T | null }) => {
      if (result.data) next(result.data);
    },
    error: (err: unknown) => {
      if (Array.isArray(err)) console.warn('subscription error', err);
    },
    complete: () => undefined,
  };
}
