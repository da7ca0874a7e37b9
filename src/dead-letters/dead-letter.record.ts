/** What a dead letter was probably meant to be: told from the body's shape, `unknown` when nothing fits. */
export type DeadLetterKind = 'callEvent' | 'cdrBatch' | 'sms' | 'numberStatus' | 'unknown';

/** A signed push the gateway could not store as what it claims to be, kept as received. */
export interface DeadLetterRecord {
  id: number;
  app: string;
  kind: DeadLetterKind;
  /** The request headers as received (signature headers included; they are the platform's, not a secret of ours). */
  headers: Record<string, string>;
  rawBody: Buffer;
  bodyHash: string;
  /** Why it is a dead letter: a parse error (`path: expected …, got …`), a foreign owner, a refused value. */
  error: string;
  receivedAt: Date;
}

export type NewDeadLetter = Omit<DeadLetterRecord, 'id'>;
