// The last 100 calls for the Inspector and debug tools. A burst of a thousand calls notifies once: entries are
// collected and listeners hear about them at the end of the task; getState() always includes them.
import { atEndOfTask } from '../atEndOfTask.js'
import type { ActivityEntry, ReadableStore } from '../types.js'

export const ACTIVITY_LIMIT = 100

export interface ActivityLog extends ReadableStore<readonly ActivityEntry[]> {
  add(entry: ActivityEntry): void
  clear(): void
}

export function createActivityLog(limit = ACTIVITY_LIMIT): ActivityLog {
  let snapshot: readonly ActivityEntry[] = Object.freeze([])
  let notified = snapshot
  let pending: ActivityEntry[] = []
  let scheduled = false
  const listeners = new Set<(state: readonly ActivityEntry[], previous: readonly ActivityEntry[]) => void>()

  const materialize = () => {
    if (pending.length === 0) return snapshot
    const next = [...snapshot, ...pending]
    pending = []
    snapshot = Object.freeze(next.length > limit ? next.slice(next.length - limit) : next)
    return snapshot
  }
  const notify = () => {
    scheduled = false
    const state = materialize()
    if (state === notified) return
    const previous = notified
    notified = state
    for (const listener of [...listeners]) listener(state, previous)
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    atEndOfTask(notify)
  }

  return {
    getState: materialize,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    add(entry) {
      pending.push(entry)
      // Bounds memory when nobody reads between microtasks (a synchronous loop of a million calls).
      if (pending.length > limit * 2) materialize()
      schedule()
    },
    clear() {
      pending = []
      snapshot = Object.freeze([])
      schedule()
    },
  }
}
