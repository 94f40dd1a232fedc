import { uuid } from '../uuid.js'
import { createBatchFill } from './batchFill.js'
import { backoffDelay } from './backoff.js'
import { systemClock } from './clock.js'
import {
  clearedError,
  networkError,
  overflowError,
  storageError,
  unauthorizedError,
} from './deliveryErrors.js'
import { createDeliveryReporter } from './deliveryReporter.js'
import { createFlushScheduler } from './flushScheduler.js'
import { browserEnvironment } from './environment.js'
import { createPersistedQueue } from './persistedQueue.js'
import { toQueuedEvent } from './queuedEvent.js'
import type { QueuedEvent } from './queuedEvent.js'
import { sendBatch } from './sendBatch.js'
import { sendOnPageHide } from './sendOnPageHide.js'
import { createSendCycle } from './sendCycle.js'
import type { SendFailure } from './sendCycle.js'
import { createStatusStore, initialDeliveryStatus } from './statusStore.js'
import { createTabLock } from './tabLock.js'
import type { DeliveryOptions, DeliveryQueue } from './types.js'

/** Send cycles one run may make back to back while events keep arriving. */
const MAX_ROUNDS = 10

/**
 * The delivery queue: persists every event before the task ends, sends batches from one tab at a time, retries with
 * backoff, isolates refused events, and holds (never drops) while offline, paused or refused.
 */
export function createDeliveryQueue(options: DeliveryOptions): DeliveryQueue {
  const clock = options.clock ?? systemClock
  const environment = options.environment ?? browserEnvironment
  const tabId = uuid()

  let paused = options.paused ?? false
  let refused = false
  let unauthorizedReported = false
  let storageReported = false
  let online = environment.isOnline()
  let closing: Promise<void> | null = null
  let closed = false
  let attempt = 0
  /** Out of retry attempts: no timer until the next enqueue, flush() or `online`. */
  let exhausted = false
  /** Until when the server asked us not to send (Retry-After on a 429 or 503); 0 when it did not. */
  let serverWaitUntil = 0

  const status = createStatusStore(initialDeliveryStatus(online, !paused))
  const now = () => clock.now()
  const reporter = createDeliveryReporter(status, options, now)
  // The options carry the queue's own (storage, storageKey, maxQueueSize, hideGraceMs, writeBehind) by name.
  const queue = createPersistedQueue(options, tabId, now, (message, cause) => {
    if (!storageReported) reporter.report(storageError(message, cause))
    storageReported = true
  })
  const lock = createTabLock(`${options.storageKey}:lock`, tabId, options.storage, clock, environment.locks())

  const canSend = () => !paused && !refused && !closed && online
  const queued = () => queue.own().length + queue.othersCount()
  const hasPending = () => queued() > 0
  const refreshCounts = () =>
    status.update({
      pending: Math.max(0, queued() - cycle.inFlight.size),
      inFlight: cycle.inFlight.size,
      sending: !paused && !refused && !closed,
    })
  const scheduler = createFlushScheduler(
    clock,
    options.flushInterval,
    () => loop(),
    () => canSend() && !closing,
    () => !exhausted && hasPending(),
    () => {
      // Another tab may have sent this tab's events meanwhile.
      queue.pruneDelivered()
      status.update({ retrying: null })
      refreshCounts()
    },
  )
  const stopRetrying = () => {
    scheduler.cancelRetry()
    status.update({ retrying: null })
  }

  const fail = (failure: SendFailure, count: number) => {
    if (failure.kind === 'unauthorized') {
      // Retrying cannot fix a write key: hold everything, say so once.
      refused = true
      const error = unauthorizedError(options.writeKey, failure.status, queued())
      if (unauthorizedReported) status.update({ lastError: error })
      else reporter.report(error)
      unauthorizedReported = true
      stopRetrying()
      refreshCounts()
      return
    }
    attempt++
    const error = networkError(count, failure.reason)
    if (attempt === 1) reporter.report(error)
    else status.update({ lastError: error })
    online = environment.isOnline()
    status.update({ online })
    // Offline: the `online` event resumes. Out of attempts: the next flush trigger does. Closing: the next page does.
    if (closing || !online || attempt >= options.retry.maxAttempts) {
      if (attempt >= options.retry.maxAttempts) {
        attempt = 0
        exhausted = true
      }
      stopRetrying()
      return
    }
    const delay = backoffDelay(attempt - 1, options.retry, () => clock.random(), failure.retryAfterMs ?? 0)
    serverWaitUntil = failure.retryAfterMs ? clock.now() + delay : 0
    scheduler.retryIn(delay)
    status.update({ retrying: { attempt, nextAttemptAt: clock.now() + delay, reason: failure.reason } })
  }

  const batchOptions = { ...options, now }
  const send = (events: readonly QueuedEvent[]) => sendBatch(events, batchOptions)

  const cycle = createSendCycle(queue, reporter, send, canSend, refreshCounts, fail, () => {
    attempt = 0
    status.update({ retrying: null })
  })

  const loop = async () => {
    // Again while events keep arriving; stop when nothing is left, a send failed, or another tab holds the lock.
    // Bounded, so that events which somehow never leave the queue cannot spin it: the interval picks up after.
    for (let round = 0; round < MAX_ROUNDS && canSend(); round++) {
      const result = await lock.tryRun(cycle.run)
      if (!result.acquired || result.value !== 'sent') return
    }
  }

  const onPageHide = () => sendOnPageHide(queue, cycle, canSend(), batchOptions, environment)

  const unsubscribers = [
    environment.subscribeOnline((isOnline) => {
      online = isOnline
      status.update({ online })
      if (!online) return
      exhausted = false
      // Our backoff was waiting on the network and ends now; a wait the server asked for (Retry-After) still holds.
      const serverWait = serverWaitUntil - clock.now()
      if (serverWait > 0) return scheduler.retryIn(serverWait)
      stopRetrying()
      scheduler.soon()
    }),
    environment.subscribePageHide(onPageHide),
  ]

  // What earlier pages left is visible from the start, not a task later.
  refreshCounts()
  status.commit()
  scheduler.arm()

  const fillsBatch = createBatchFill()

  return {
    enqueue(input) {
      const event = toQueuedEvent(input)
      exhausted = false
      for (const dropped of queue.add(event)) reporter.report(overflowError(dropped, options.maxQueueSize))
      refreshCounts()
      const own = queue.own()
      if (own.length >= options.flushAt || fillsBatch(own)) {
        scheduler.soon()
      } else scheduler.arm()
    },
    async flush() {
      // Closed only ever inside `closing`: once it is set, flush waits for the close instead.
      if (closing) return closing
      // A wait the server asked for (Retry-After) is waited out, not cut short: flush() resolves once the retry
      // at the server's time has run. Our own backoff is not the server's word, so a flush skips it.
      const serverWait = serverWaitUntil - clock.now()
      if (serverWait > 0 && scheduler.retrying) {
        await new Promise<void>((resolve) => clock.setTimeout(resolve, serverWait))
        while (scheduler.running) await scheduler.running
        if (closing) return closing
      }
      // An explicit flush is the way out of a refused write key and of a backoff wait.
      refused = false
      exhausted = false
      stopRetrying()
      refreshCounts()
      await scheduler.now()
    },
    close() {
      closing ??= (async () => {
        scheduler.stop()
        status.update({ retrying: null })
        while (scheduler.running) await scheduler.running
        if (canSend() && hasPending()) await loop()
        closed = true
        for (const unsubscribe of unsubscribers) unsubscribe()
        queue.close()
        refreshCounts()
        status.commit()
      })()
      return closing
    },
    clear() {
      const removed = queue.clear()
      stopRetrying()
      attempt = 0
      refreshCounts()
      // Events already on the wire cannot be called back; only the ones that will now never be sent are dropped.
      const dropped = removed.filter((event) => !cycle.inFlight.has(event.messageId)).length
      if (dropped > 0) reporter.report(clearedError(dropped))
    },
    setPaused(next) {
      paused = next
      refreshCounts()
      if (!paused && queue.own().length >= options.flushAt) scheduler.soon()
      else scheduler.arm()
    },
    status: status.store,
  }
}
