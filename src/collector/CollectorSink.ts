import type { StoredEvent } from './types.js'

/** Where accepted events go besides the in-memory store. */
export interface CollectorSink {
  /** Events stored before a restart, loaded once on start. */
  load?(): Promise<StoredEvent[]>
  /** Called with the events one request accepted; the response waits for it. */
  write(events: StoredEvent[]): Promise<void>
  /** Data deletion. */
  remove?(predicate: (event: StoredEvent) => boolean): Promise<void>
  clear?(): Promise<void>
  /** Resolves when everything written so far is done (or given up on). */
  flush?(): Promise<void>
  close?(): Promise<void>
}
