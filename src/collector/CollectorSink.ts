import type { StoredEvent } from './types.js'

/** Where accepted events go besides the in-memory store. */
export interface CollectorSink {
  /**
   * Hands over the events stored before a restart, oldest first, once on start; one at a time, so the caller
   * keeps only what it bounds (maxEvents) rather than everything stored.
   */
  load?(onEvent: (event: StoredEvent) => void): Promise<void>
  /** Called with the events one request accepted; the response waits for it. */
  write(events: StoredEvent[]): Promise<void>
  /** Data deletion. */
  remove?(predicate: (event: StoredEvent) => boolean): Promise<void>
  clear?(): Promise<void>
  /** Resolves when everything written so far is done (or given up on). */
  flush?(): Promise<void>
  close?(): Promise<void>
}
