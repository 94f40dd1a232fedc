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

  // With nobody subscribed, the end of a task builds nothing (a copy of up to 100 entries, each task): what it would
  // have announced is noted as the entries it would have taken, and made only if someone subscribes.
  let noted: [readonly ActivityEntry[], ActivityEntry[], number] | null = null
  const trim = (next: readonly ActivityEntry[]) =>
    Object.freeze(next.length > limit ? next.slice(next.length - limit) : next)

  const materialize = () => {
    if (pending.length > 0) {
      // Made now, the state it would have announced is this very object, as before.
      const same = noted && noted[1] === pending && noted[2] === pending.length
      snapshot = trim([...snapshot, ...pending])
      pending = []
      if (same) [notified, noted] = [snapshot, null]
    }
    return snapshot
  }
  const notify = () => {
    scheduled = false
    if (listeners.size === 0) return void (noted = [snapshot, pending, pending.length])
    const state = materialize()
    if (noted)
      [notified, noted] = [noted[2] ? trim([...noted[0], ...noted[1].slice(0, noted[2])]) : noted[0], null]
    const previous = notified
    if (state === previous) return
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
