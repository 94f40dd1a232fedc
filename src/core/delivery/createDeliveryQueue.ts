import { eventByteSize } from '../../spec/index.js'
import { backoffDelay } from './backoff.js'
import { BATCH_TARGET_BYTES, buildBatches } from './buildBatches.js'
import { systemClock } from './clock.js'
import { clearedError, networkError, overflowError, oversizeReason } from './deliveryErrors.js'
import { storageError, unauthorizedError } from './deliveryErrors.js'
import { createDeliveryReporter } from './deliveryReporter.js'
import { createFlushScheduler } from './flushScheduler.js'
import { browserEnvironment } from './environment.js'
import { isolateBadEvents } from './isolateBadEvents.js'
import { pageHideFlush } from './pageHideFlush.js'
import { createPersistedQueue } from './persistedQueue.js'
import { toQueuedEvent } from './queuedEvent.js'
import type { QueuedEvent } from './queuedEvent.js'
import { sendBatch } from './sendBatch.js'
import type { SendResult } from './sendBatch.js'
import { createStatusStore, initialDeliveryStatus } from './statusStore.js'
import { createTabLock } from './tabLock.js'
import type { DeliveryOptions, DeliveryQueue } from './types.js'

/** Send cycles one run may make back to back while events keep arriving. */
const MAX_ROUNDS = 10

type Failure = Exclude<SendResult, { kind: 'ok' } | { kind: 'rejected' }>

/**
 * The delivery queue: persists every event before the task ends, sends batches from one tab at a time, retries with
 * backoff, isolates refused events, and holds (never drops) while offline, paused or refused.
 */
export function createDeliveryQueue(options: DeliveryOptions): DeliveryQueue {
  const clock = options.clock ?? systemClock
  const environment = options.environment ?? browserEnvironment
  const makeId = () =>
    globalThis.crypto?.randomUUID?.() ?? `${clock.now().toString(36)}-${clock.random().toString(36).slice(2)}`
  const tabId = makeId()

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
  const inFlight = new Set<string>()

  const status = createStatusStore(initialDeliveryStatus(online, !paused))
  const reporter = createDeliveryReporter(status, options, () => clock.now())
  const queue = createPersistedQueue({
    storage: options.storage,
    storageKey: options.storageKey,
    tabId,
    maxQueueSize: options.maxQueueSize,
    now: () => clock.now(),
    onStorageError(message, cause) {
      if (!storageReported) reporter.report(storageError(message, cause))
      storageReported = true
    },
  })
  const lock = createTabLock({
    name: `${options.storageKey}:lock`,
    tabId,
    storage: options.storage,
    clock,
    locks: environment.locks(),
  })

  const sizes = new WeakMap<QueuedEvent, number>()
  const sizeOf = (event: QueuedEvent) => {
    let size = sizes.get(event)
    if (size === undefined) sizes.set(event, (size = eventByteSize(event)))
    return size
  }

  const canSend = () => !paused && !refused && !closed && online
  const hasPending = () => queue.own().length > 0 || queue.othersCount() > 0
  const refreshCounts = () =>
    status.update({
      pending: Math.max(0, queue.own().length + queue.othersCount() - inFlight.size),
      inFlight: inFlight.size,
      sending: !paused && !refused && !closed,
    })
  const scheduler = createFlushScheduler({
    clock,
    flushInterval: options.flushInterval,
    canSend: () => canSend() && !closing,
    hasPending: () => !exhausted && hasPending(),
    onTick() {
      // Another tab may have sent this tab's events meanwhile.
      queue.pruneDelivered()
      status.update({ retrying: null })
      refreshCounts()
    },
    send: () => loop(),
  })
  const stopRetrying = () => {
    scheduler.cancelRetry()
    status.update({ retrying: null })
  }

  const fail = (failure: Failure, count: number) => {
    if (failure.kind === 'unauthorized') {
      // Retrying cannot fix a write key: hold everything, say so once.
      refused = true
      const error = unauthorizedError(
        options.writeKey,
        failure.status,
        queue.own().length + queue.othersCount(),
      )
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
    scheduler.retryIn(delay)
    status.update({ retrying: { attempt, nextAttemptAt: clock.now() + delay, reason: failure.reason } })
  }

  const send = (events: readonly QueuedEvent[]) =>
    sendBatch(events, {
      apiHost: options.apiHost,
      writeKey: options.writeKey,
      fetch: options.fetch,
      compress: options.compress,
      now: () => clock.now(),
    })

  /** Under the send lock: every tab's unsent events, batch by batch. */
  const sendAll = async (renew: () => void): Promise<'empty' | 'sent' | 'stopped'> => {
    const events = queue.collect().filter((event) => !inFlight.has(event.messageId))
    refreshCounts()
    if (events.length === 0) return 'empty'
    const { batches, oversize } = buildBatches(events, { maxBytes: BATCH_TARGET_BYTES, sizeOf })
    // The client refuses these at the call; should one get here anyway, it is reported, never sent, never lost quietly.
    for (const event of oversize)
      reporter.deadLetter({ event, reason: oversizeReason(sizeOf(event)), status: 413 })
    queue.settle(new Set(oversize.map((event) => event.messageId)))
    for (const batch of batches) {
      if (!canSend()) return 'stopped'
      renew()
      for (const event of batch) inFlight.add(event.messageId)
      refreshCounts()
      const result = await isolateBadEvents(batch, send)
      for (const event of batch) inFlight.delete(event.messageId)
      queue.settle(
        new Set([...result.delivered, ...result.refused.map(({ event }) => event)].map((e) => e.messageId)),
      )
      reporter.delivered(result.delivered)
      for (const refusedEvent of result.refused) reporter.deadLetter(refusedEvent)
      refreshCounts()
      if (result.interrupted) {
        fail(result.interrupted, result.unsettled.length)
        return 'stopped'
      }
    }
    attempt = 0
    status.update({ retrying: null })
    return 'sent'
  }

  const loop = async () => {
    // Again while events keep arriving; stop when nothing is left, a send failed, or another tab holds the lock.
    // Bounded, so that events which somehow never leave the queue cannot spin it: the interval picks up after.
    for (let round = 0; round < MAX_ROUNDS && canSend(); round++) {
      const result = await lock.tryRun(sendAll)
      if (!result.acquired || result.value !== 'sent') return
    }
  }

  const onPageHide = () => {
    queue.persistNow()
    if (!canSend()) return
    const events = queue.own().filter((event) => !inFlight.has(event.messageId))
    const chunks = pageHideFlush(events, {
      apiHost: options.apiHost,
      writeKey: options.writeKey,
      fetch: options.fetch,
      now: () => clock.now(),
      sendBeacon: (url, data) => environment.sendBeacon(url, data),
      sizeOf,
    })
    for (const chunk of chunks) {
      for (const event of chunk.events) inFlight.add(event.messageId)
      void chunk.acknowledged.then((ok) => {
        for (const event of chunk.events) inFlight.delete(event.messageId)
        if (ok) {
          queue.settle(new Set(chunk.events.map((event) => event.messageId)))
          reporter.delivered(chunk.events)
        }
        refreshCounts()
      })
    }
    refreshCounts()
  }

  const unsubscribers = [
    environment.subscribeOnline((isOnline) => {
      online = isOnline
      status.update({ online })
      if (!online) return
      // The backoff was waiting on the network, not on the server.
      exhausted = false
      stopRetrying()
      scheduler.soon()
    }),
    environment.subscribePageHide(onPageHide),
  ]

  // What earlier pages left is visible from the start, not a task later.
  refreshCounts()
  status.commit()
  scheduler.arm()

  return {
    enqueue(input) {
      const event = toQueuedEvent(input, makeId)
      exhausted = false
      for (const dropped of queue.add(event)) reporter.report(overflowError(dropped, options.maxQueueSize))
      refreshCounts()
      const own = queue.own()
      if (own.length >= options.flushAt || own.reduce((sum, e) => sum + sizeOf(e), 0) >= BATCH_TARGET_BYTES) {
        scheduler.soon()
      } else scheduler.arm()
    },
    async flush() {
      if (closed || closing) return closing ?? undefined
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
      const dropped = removed.filter((event) => !inFlight.has(event.messageId)).length
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
