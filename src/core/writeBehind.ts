// Writes to the browser's own storage, coalesced across tasks. In Chromium the first localStorage.setItem of a task
// costs 35–150 µs whatever its size, and a cookie write about as much, several times what a call itself costs: a
// write at the end of every task made a stream of calls (one per click, scroll or message) pay it once per call.
// Here the first write after a quiet spell still lands before its task ends (a lone click is durable at once);
// writes asked for within WRITE_INTERVAL_MS of the last one wait for one timer, so a stream makes at most one write
// per interval. Everything waiting is written at once when the page is hidden, frozen or left, when a client on
// the same storage starts (a reload in a test, two apps on one page: it would otherwise read the state from before
// that write, and a write of its own would then undo it), and on flushWrites(). While the page is hidden, timers
// are throttled to a minute, so nothing waits then.
import { atEndOfTask, runEach } from './atEndOfTask.js'
import { browserEnvironment } from './delivery/environment.js'

/** The longest a write asked for during a stream of calls waits, in ms. */
export const WRITE_INTERVAL_MS = 100

const waiting = new Set<() => void>()
let lastRun = Number.NEGATIVE_INFINITY
let scheduled = false
let timer: ReturnType<typeof setTimeout> | null = null
let listening = false

interface PageLike {
  document?: { visibilityState?: string; addEventListener?: (type: string, listener: () => void) => void }
}

const isHidden = () => (globalThis as PageLike).document?.visibilityState === 'hidden'

function listenToPageLifecycle(): void {
  if (listening) return
  listening = true
  // Registered once per page and never removed: they cost nothing while nothing waits. The page hide the delivery
  // queue sends at (pagehide, or hidden), and a freeze, after which the page may be discarded without either.
  browserEnvironment.subscribePageHide(flushWrites)
  ;(globalThis as PageLike).document?.addEventListener?.('freeze', flushWrites)
}

/** Runs every write waiting, now, in the order asked. */
export function flushWrites(): void {
  if (timer !== null) clearTimeout(timer)
  timer = null
  scheduled = false
  if (waiting.size === 0) return
  lastRun = Date.now()
  const batch = [...waiting]
  waiting.clear()
  runEach(batch)
}

/** Runs `write` now if it waits (a client closing), and forgets it. */
export function writeNow(write: () => void): void {
  if (waiting.delete(write)) runEach([write])
}

// Writes already promised the end of this task, so asking again in the task queues nothing more.
const dueAtEndOfTask = new Set<() => void>()

/**
 * Asks for `write` to run: at the end of this task after a quiet spell, else when the interval since the last
 * write ends. Asking again before it ran is a no-op. `throttled: false` (memory or a custom storage, where a
 * write costs nothing worth saving, or a write that must not wait) always means the end of this task. Either way
 * it waits where flushWrites() finds it.
 */
export function requestWrite(write: () => void, throttled: boolean): void {
  if (!throttled) {
    waiting.add(write)
    if (dueAtEndOfTask.has(write)) return
    dueAtEndOfTask.add(write)
    return atEndOfTask(() => {
      dueAtEndOfTask.delete(write)
      writeNow(write)
    })
  }
  if (waiting.has(write)) return
  waiting.add(write)
  if (scheduled) return
  scheduled = true
  listenToPageLifecycle()
  const wait = lastRun + WRITE_INTERVAL_MS - Date.now()
  if (wait <= 0 || isHidden()) atEndOfTask(() => scheduled && timer === null && flushWrites())
  else timer = setTimeout(flushWrites, wait)
}
