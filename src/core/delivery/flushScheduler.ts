import type { DeliveryClock } from './clock.js'

export interface FlushSchedulerOptions {
  clock: DeliveryClock
  flushInterval: number
  /** Whether a send may start now (not paused, offline, refused, closed). */
  canSend: () => boolean
  /** Whether anything waits to be sent: the interval timer runs only then, an idle queue holds no timer. */
  hasPending: () => boolean
  /** Runs when a timer (interval or retry) fires, before its send. */
  onTick: () => void
  /** One send run (sends until empty, failed or blocked). */
  send: () => Promise<void>
}

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
 * interval never overtakes.
 */
export function createFlushScheduler(options: FlushSchedulerOptions): FlushScheduler {
  const { clock } = options
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
    running = options.send().finally(() => {
      running = null
      scheduler.arm()
    })
    return running
  }
  const kick = () => {
    if (!running && retryTimer === null && options.canSend()) void run()
  }

  const scheduler: FlushScheduler = {
    arm() {
      if (stopped || intervalTimer !== null || retryTimer !== null || running) return
      if (!options.canSend() || !options.hasPending()) return
      intervalTimer = clock.setTimeout(() => {
        intervalTimer = null
        options.onTick()
        kick()
      }, options.flushInterval)
    },
    soon() {
      if (soonQueued) return
      soonQueued = true
      queueMicrotask(() => {
        soonQueued = false
        if (!stopped) kick()
      })
    },
    async now() {
      while (running) await running
      if (options.canSend()) await run()
    },
    retryIn(ms) {
      clearInterval()
      clearRetry()
      if (stopped) return
      retryTimer = clock.setTimeout(() => {
        retryTimer = null
        options.onTick()
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
