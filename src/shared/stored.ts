import type { LogEntry } from '../events/topics';

/** What storing one push added to the event log (no entries for a duplicate), and how many of its parts were duplicates. */
export interface Stored {
  entries: LogEntry[];
  duplicates: number;
}
