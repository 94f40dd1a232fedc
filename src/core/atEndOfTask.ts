// The effects a call leaves for the end of its task (the queue's write, the identity's write, the delivery status,
// the activity log's listeners) share one microtask: a call that needs all of them schedules one, not four. They run
// in the order they were asked for, so the queue's write, asked for first by a call, lands before anything
// announces the event.

let waiting: (() => void)[] = []

/** Runs each callback in order. One failing must not cost the others theirs; its error still surfaces, uncaught,
 *  as it would have alone. */
export function runEach(callbacks: Iterable<() => void>): void {
  for (const callback of callbacks) {
    try {
      callback()
    } catch (error) {
      queueMicrotask(() => {
        throw error
      })
    }
  }
}

const runWaiting = () => {
  const batch = waiting
  // Asked for while these run: a microtask of their own, after whatever these queue, as before.
  waiting = []
  runEach(batch)
}

/** Runs `callback` in the microtask shared by every effect asked for in this task, after the ones asked before. */
export function atEndOfTask(callback: () => void): void {
  if (waiting.push(callback) === 1) queueMicrotask(runWaiting)
}
