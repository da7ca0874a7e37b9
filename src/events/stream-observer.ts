/** The GraphQL subscription fields a live stream can serve: the `kind` label of the subscription metrics. */
export const SUBSCRIPTION_KINDS = ['callEvents', 'callUpdated', 'callRecords', 'smsMessages', 'numberStatusChanged'] as const;

export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** Whether a root field name is one of the subscription fields. */
export function isSubscriptionKind(name: string): name is SubscriptionKind {
  return (SUBSCRIPTION_KINDS as readonly string[]).includes(name);
}

/**
 * What a live stream reports about itself (the composition root passes the metrics' one). `opened` once when
 * it starts, `ended` exactly once when it closes (return, throw, a cut or the reader's stop), `delivered` for each
 * live entry handed to the consumer, with the entry's `createdAt` (ISO-8601); replayed entries, those
 * already in the log when the stream opened, are not reported. The shared reader (log-reader.ts) reports them.
 */
export interface StreamObserver {
  opened(kind: SubscriptionKind): void;
  ended(kind: SubscriptionKind): void;
  delivered(kind: SubscriptionKind, createdAt: string): void;
  /** A read of the event log failed (it is retried; no stream ends for it). */
  readFailed?(): void;
  /** A stream was cut: its consumer took nothing while more than the buffer limit piled up. */
  cut?(kind: SubscriptionKind): void;
}
