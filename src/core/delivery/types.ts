// The contract between the client (src/core/createAnalytics.ts) and the delivery queue (src/core/delivery/).
import type { SegmentEvent } from '../../spec/index.js'
import type { AnalyticsError, DeliveryStatus, ReadableStore, RetryPolicy } from '../types.js'
import type { KeyValueStorage } from '../storage/types.js'
import type { DeliveryClock } from './clock.js'
import type { DeliveryEnvironment } from './environment.js'

export interface DeliveryOptions {
  writeKey: string
  /** Includes the version path, e.g. http://127.0.0.1:4000/v1 */
  apiHost: string
  flushAt: number
  flushInterval: number
  maxQueueSize: number
  retry: Required<RetryPolicy>
  storage: KeyValueStorage
  /** Prefix for the persisted queue keys, so two clients with different write keys never share a queue. */
  storageKey: string
  compress: boolean
  onError: (error: AnalyticsError) => void
  /** Called once per event the server accepted (2xx). */
  onDelivered?: (events: readonly SegmentEvent[]) => void
  /** Called once per event the server refused as bad. */
  onDeadLetter?: (event: SegmentEvent, reason: string) => void
  fetch: typeof fetch
  /** Start paused (consent pending). */
  paused?: boolean
  /** Timers, time and randomness (backoff jitter), injected so tests run on a fake clock. @default the real ones */
  clock?: DeliveryClock
  /** Connectivity, page lifecycle, Web Locks and sendBeacon. @default read lazily from `globalThis` */
  environment?: DeliveryEnvironment
  /**
   * How long other pages leave events this page sent at page hide alone, so that an answer it lives to read is
   * honoured instead of sent again. 0 turns the hold off.
   * @default 5000 (HIDE_GRACE_MS)
   */
  hideGraceMs?: number
  /**
   * Coalesce storage writes across tasks: the first after a quiet spell lands before its task ends, later ones at
   * most once per WRITE_INTERVAL_MS, all at once at page hide (see writeBehind.ts). For the browser's own storage,
   * whose first write in a task costs tens of µs. @default false (a write at the end of every task)
   */
  writeBehind?: boolean
}

export interface DeliveryQueue {
  /** Persisted before the current task ends, or with `writeBehind` during a stream within WRITE_INTERVAL_MS and at
   *  page hide. Never throws. */
  enqueue(event: SegmentEvent): void
  /** Sends everything queued now; resolves when the queue is empty or the send failed (and is scheduled again). */
  flush(): Promise<void>
  /** Flushes what it can and removes every timer and listener. */
  close(): Promise<void>
  /** Drops every queued event (consent denied), reporting the drop once with the count. */
  clear(): void
  /** Hold sending (consent pending) without dropping anything. */
  setPaused(paused: boolean): void
  readonly status: ReadableStore<DeliveryStatus>
}
