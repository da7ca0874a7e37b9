import { UserInputError } from '../errors';

/**
 * Opaque paging cursors: base64url of `c:<n>` where n is a monotonically increasing row number. Clients must
 * treat them as opaque; a cursor that does not decode is a BAD_USER_INPUT naming the argument.
 */
export function encodeCursor(position: number | bigint | string): string {
  return Buffer.from(`c:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^c:(\d{1,15})$/.exec(text);
  if (!m) throw new UserInputError(argument, 'is not a cursor returned by this API');
  return Number(m[1]);
}

/** Largest page of every connection. */
export const MAX_PAGE_SIZE = 100;

/**
 * The description of the `cursor` field of a type that a subscription delivers and a query also returns:
 * the event-log cursor of the entry that delivered it, null from a query.
 */
export function payloadCursorDescription(subscription: string): string {
  return (
    `Position in the durable event log of the entry that delivered this object through \`${subscription}\`: pass it as ` +
    `that subscription's \`after\` to resume right after it. Null when the object was read by a query (a query reads the ` +
    'current rows, not the log).'
  );
}
