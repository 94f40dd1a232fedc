import { LIMITS, eventByteSize } from '../../spec/index.js'
import type { AnalyticsError, DeadLetter } from '../types.js'
import { backoffDelay } from './backoff.js'
import { BATCH_TARGET_BYTES, buildBatches } from './buildBatches.js'
import { systemClock } from './clock.js'
import { browserEnvironment } from './environment.js'
import { isolateBadEvents } from './isolateBadEvents.js'
import type { RefusedEvent } from './isolateBadEvents.js'
import { pageHideFlush } from './pageHideFlush.js'
import { createPersistedQueue } from './persistedQueue.js'
import { toQueuedEvent } from './queuedEvent.js'
import type { QueuedEvent } from './queuedEvent.js'
import { sendBatch } from './sendBatch.js'
import type { SendResult } from './sendBatch.js'
import { createStatusStore, initialDeliveryStatus } from './statusStore.js'
import { createTabLock } from './tabLock.js'
import type { DeliveryOptions, DeliveryQueue } from './types.js'

/** Dead letters kept for inspection; older ones were reported already. */
const MAX_DEAD_LETTERS = 100
/** A request that has not answered by then is treated as a network error (and retried). */
const REQUEST_TIMEOUT_MS = 30_000

type Failure = Exclude<SendResult, { kind: 'ok' } | { kind: 'rejected' }>
type Outcome = 'empty' | 'sent' | 'failed' | 'stopped'

export function createDeliveryQueue(options: DeliveryOptions): DeliveryQueue {
  const clock = options.clock ?? systemClock
  const environment = options.environment ?? browserEnvironment
  const makeId = () =>
    globalThis.crypto?.randomUUID?.() ?? `${clock.now().toString(36)}-${clock.random().toString(36).slice(2)}`
  const tabId = makeId()

  const report = (error: AnalyticsError) => {
    status.update({ lastError: error })
    try {
      options.onError(error)
    } catch {
      // a throwing onError must not stop delivery
    }
  }
  let storageReported = false
  const queue = createPersistedQueue({
    storage: options.storage,
    storageKey: options.storageKey,
    tabId,
    maxQueueSize: options.maxQueueSize,
    now: () => clock.now(),
    onStorageError(message, cause) {
      if (storageReported) return
      storageReported = true
      report({ code: 'storage', message: `groupkit: ${message}`, cause })
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

  let paused = options.paused ?? false
  let refused = false
  let unauthorizedReported = false
  let online = environment.isOnline()
  let closing = false
  let closed = false
  let attempt = 0
  let flushTimer: unknown = null
  let retryTimer: unknown = null
  let running: Promise<void> | null = null
  let kickScheduled = false
  const inFlight = new Set<string>()
  let deadLetters: DeadLetter[] = []
  let delivered = 0

  const status = createStatusStore(initialDeliveryStatus(online, !paused))
  const canSend = () => !paused && !refused && !closed && online
  const ownBytes = () => queue.own().reduce((sum, event) => sum + sizeOf(event), 0)
  const refreshCounts = () =>
    status.update({
      pending: Math.max(0, queue.own().length + queue.othersCount() - inFlight.size),
      inFlight: inFlight.size,
      sending: !paused && !refused && !closed,
    })

  const stopTimer = (timer: unknown) => {
    if (timer !== null) clock.clearTimeout(timer)
    return null
  }
  const hasPending = () => queue.own().length > 0 || queue.othersCount() > 0
  const armFlushTimer = () => {
    if (flushTimer !== null || retryTimer !== null || closing || !canSend() || !hasPending()) return
    flushTimer = clock.setTimeout(() => {
      flushTimer = null
      queue.pruneDelivered()
      refreshCounts()
      kick()
    }, options.flushInterval)
  }
  const kick = () => {
    if (running || !canSend() || retryTimer !== null) return
    running = loop().finally(() => {
      running = null
      armFlushTimer()
    })
  }
  // After the current task, so the burst that triggered it is persisted and sent together.
  const kickSoon = () => {
    if (kickScheduled) return
    kickScheduled = true
    queueMicrotask(() => {
      kickScheduled = false
      kick()
    })
  }

  const deadLetter = ({ event, reason, status: code }: RefusedEvent) => {
    deadLetters = [...deadLetters, { event, reason, status: code, at: clock.now() }].slice(-MAX_DEAD_LETTERS)
    status.update({ deadLetters })
    try {
      options.onDeadLetter?.(event, reason)
    } catch {
      // reported below either way
    }
    report({
      code: 'dead_letter',
      message: `groupkit: the server refused ${event.type} event ${event.messageId} (${code}): ${reason || 'no reason given'}`,
      messageId: event.messageId,
      event,
    })
  }
  const settleDelivered = (events: readonly QueuedEvent[]) => {
    if (events.length === 0) return
    queue.settle(new Set(events.map((event) => event.messageId)))
    delivered += events.length
    status.update({ delivered })
    try {
      options.onDelivered?.(events)
    } catch {
      // the events are delivered; a throwing callback changes nothing
    }
  }

  const fail = (failure: Failure, count: number) => {
    if (failure.kind === 'unauthorized') {
      refused = true
      const error: AnalyticsError = {
        code: 'unauthorized',
        message: `groupkit: write key '${options.writeKey.slice(0, 4)}…' was refused (${failure.status}): check writeKey. ${count} events stay queued.`,
      }
      if (unauthorizedReported) status.update({ lastError: error })
      else report(error)
      unauthorizedReported = true
      status.update({ retrying: null })
      return
    }
    attempt++
    online = environment.isOnline()
    const error: AnalyticsError = {
      code: 'network',
      message: `groupkit: sending ${count} events failed (${failure.reason}); they stay queued and are retried`,
    }
    if (attempt === 1) report(error)
    else status.update({ lastError: error })
    if (closing || !online || attempt >= options.retry.maxAttempts) {
      // Offline: the `online` event resumes. Out of attempts: the next flush trigger does.
      if (attempt >= options.retry.maxAttempts) attempt = 0
      status.update({ retrying: null, online })
      return
    }
    const delay = backoffDelay(attempt - 1, options.retry, () => clock.random(), failure.retryAfterMs ?? 0)
    flushTimer = stopTimer(flushTimer)
    retryTimer = clock.setTimeout(() => {
      retryTimer = null
      status.update({ retrying: null })
      kick()
    }, delay)
    status.update({ retrying: { attempt, nextAttemptAt: clock.now() + delay, reason: failure.reason } })
  }

  const send = async (events: readonly QueuedEvent[]) => {
    const controller = new AbortController()
    // A real timer on purpose: it bounds one request and is always cleared, it is not part of the retry schedule.
    const timeout = globalThis.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
    try {
      return await sendBatch(events, {
        apiHost: options.apiHost,
        writeKey: options.writeKey,
        fetch: options.fetch,
        compress: options.compress,
        now: () => clock.now(),
        signal: controller.signal,
      })
    } finally {
      globalThis.clearTimeout(timeout)
    }
  }

  const sendAll = async (renew: () => void): Promise<Outcome> => {
    const events = queue.collect().filter((event) => !inFlight.has(event.messageId))
    refreshCounts()
    if (events.length === 0) return 'empty'
    const { batches, oversize } = buildBatches(events, { maxBytes: BATCH_TARGET_BYTES, sizeOf })
    for (const event of oversize) {
      const reason = `event is ${sizeOf(event)} bytes, over the ${LIMITS.maxEventBytes}-byte limit`
      deadLetter({ event, reason, status: 413 })
    }
    if (oversize.length > 0) queue.settle(new Set(oversize.map((event) => event.messageId)))
    for (const batch of batches) {
      if (!canSend()) return 'stopped'
      renew()
      for (const event of batch) inFlight.add(event.messageId)
      refreshCounts()
      const result = await isolateBadEvents(batch, send)
      for (const event of batch) inFlight.delete(event.messageId)
      settleDelivered(result.delivered)
      for (const refusedEvent of result.refused) deadLetter(refusedEvent)
      if (result.refused.length > 0) queue.settle(new Set(result.refused.map(({ event }) => event.messageId)))
      refreshCounts()
      if (result.interrupted) {
        fail(result.interrupted, result.unsettled.length)
        return 'failed'
      }
    }
    attempt = 0
    status.update({ retrying: null })
    return 'sent'
  }

  const loop = async () => {
    flushTimer = stopTimer(flushTimer)
    for (;;) {
      if (!canSend()) return
      const result = await lock.tryRun(sendAll)
      // Another tab is sending (maybe our events too): look again at the next interval.
      if (!result.acquired || result.value !== 'sent') return
    }
  }

  const onPageHide = () => {
    queue.persistNow()
    if (!canSend()) return
    const events = queue.own().filter((event) => !inFlight.has(event.messageId))
    if (events.length === 0) return
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
        if (ok) settleDelivered(chunk.events)
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
      // Back online: the backoff was waiting on the network, not on the server.
      retryTimer = stopTimer(retryTimer)
      status.update({ retrying: null })
      kick()
    }),
    environment.subscribePageHide(onPageHide),
  ]

  refreshCounts()
  armFlushTimer()

  return {
    enqueue(input) {
      const event = toQueuedEvent(input, makeId)
      try {
        for (const dropped of queue.add(event)) {
          report({
            code: 'dropped',
            message: `groupkit: the queue is full (maxQueueSize ${options.maxQueueSize}): dropped the oldest event, ${dropped.type} ${dropped.messageId}`,
            messageId: dropped.messageId,
            event: dropped,
          })
        }
        refreshCounts()
        if (queue.own().length >= options.flushAt || ownBytes() >= BATCH_TARGET_BYTES) kickSoon()
        else armFlushTimer()
      } catch (cause) {
        report({ code: 'storage', message: `groupkit: could not queue event ${event.messageId}`, cause })
      }
    },
    async flush() {
      if (closed) return
      // An explicit flush is the way out of a refused write key and of a backoff wait.
      refused = false
      retryTimer = stopTimer(retryTimer)
      status.update({ retrying: null })
      refreshCounts()
      while (running) await running
      if (!canSend()) return
      running = loop().finally(() => {
        running = null
        armFlushTimer()
      })
      await running
    },
    async close() {
      if (closing) return
      closing = true
      flushTimer = stopTimer(flushTimer)
      retryTimer = stopTimer(retryTimer)
      while (running) await running
      if (canSend() && hasPending()) {
        running = loop()
        await running
        running = null
      }
      closed = true
      flushTimer = stopTimer(flushTimer)
      retryTimer = stopTimer(retryTimer)
      for (const unsubscribe of unsubscribers) unsubscribe()
      queue.close()
      refreshCounts()
      status.update({ retrying: null })
      status.commit()
    },
    clear() {
      const removed = queue.clear()
      retryTimer = stopTimer(retryTimer)
      flushTimer = stopTimer(flushTimer)
      attempt = 0
      status.update({ retrying: null })
      refreshCounts()
      if (removed.length > 0) {
        report({
          code: 'dropped',
          message: `groupkit: dropped ${removed.length} queued events (consent denied)`,
        })
      }
    },
    setPaused(next) {
      paused = next
      refreshCounts()
      if (paused) flushTimer = stopTimer(flushTimer)
      else if (queue.own().length >= options.flushAt) kickSoon()
      else armFlushTimer()
    },
    status: status.store,
  }
}
