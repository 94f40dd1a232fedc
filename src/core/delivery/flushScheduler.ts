import type { DeliveryClock } from './clock.js'

export interface FlushScheduler {
  /** Start the `flushInterval` timer unless one (or a retry) is already waiting. */
  arm(): void
  /** Send after the current task: the whole synchronous burst is persisted first and goes together. */
  soon(): void
  /** Send now, or as soon as the run in progress ends; resolves when that run is over. */
  now(): Promise<void>
  /** Wait `ms` before the next send; no interval send happens meanwhile. */
  retryIn(ms: number): void
  /** Forget a pending retry (an explicit flush, coming back online). */
  cancelRetry(): void
  readonly retrying: boolean
  /** The run in progress, if any. */
  readonly running: Promise<void> | null
  /** Removes every timer; the scheduler stays usable. */
  stop(): void
}

/**
 * When sends happen: at most one run at a time, an interval timer only while events wait, a retry timer that the
 * interval never overtakes. `send` is one run (sends until empty, failed or blocked); `canSend`, whether a run may
 * start now (not paused, offline, refused, closed); `hasPending`, whether anything waits to be sent (the interval
 * timer runs only then: an idle queue holds no timer); `onTick` runs when a timer (interval or retry) fires, before
 * its run.
 */
export function createFlushScheduler(
  clock: DeliveryClock,
  flushInterval: number,
  send: () => Promise<void>,
  canSend: () => boolean,
  hasPending: () => boolean,
  onTick: () => void,
): FlushScheduler {
  let intervalTimer: unknown = null
  let retryTimer: unknown = null
  let running: Promise<void> | null = null
  let soonQueued = false
  let stopped = false

  const clearInterval = () => {
    if (intervalTimer !== null) clock.clearTimeout(intervalTimer)
    intervalTimer = null
  }
  const clearRetry = () => {
    if (retryTimer !== null) clock.clearTimeout(retryTimer)
    retryTimer = null
  }
  const run = () => {
    clearInterval()
    running = send().finally(() => {
      running = null
      scheduler.arm()
    })
    return running
  }
  const kick = () => {
    if (!running && retryTimer === null && canSend()) void run()
  }

  const scheduler: FlushScheduler = {
    arm() {
      if (stopped || intervalTimer !== null || retryTimer !== null || running) return
      if (!canSend() || !hasPending()) return
      intervalTimer = clock.setTimeout(() => {
        intervalTimer = null
        onTick()
        kick()
      }, flushInterval)
    },
    soon() {
      // A run in progress takes what arrives as its next round (and arms the interval when it ends): a microtask per
      // call during a send would find it running and do nothing.
      if (soonQueued || running) return
      soonQueued = true
      queueMicrotask(() => {
        soonQueued = false
        if (!stopped) kick()
      })
    },
    async now() {
      while (running) await running
      if (canSend()) await run()
    },
    retryIn(ms) {
      clearInterval()
      clearRetry()
      if (stopped) return
      retryTimer = clock.setTimeout(() => {
        retryTimer = null
        onTick()
        kick()
      }, ms)
    },
    cancelRetry: clearRetry,
    get retrying() {
      return retryTimer !== null
    },
    get running() {
      return running
    },
    stop() {
      stopped = true
      clearInterval()
      clearRetry()
    },
  }
  return scheduler
}
