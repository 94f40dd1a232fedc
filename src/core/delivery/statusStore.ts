import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import { atEndOfTask } from '../atEndOfTask.js'
import type { DeliveryStatus } from '../types.js'

export interface StatusStore {
  readonly store: StoreApi<DeliveryStatus>
  /** Merged into the state at the end of the task: a burst of 1,000 events notifies subscribers once. */
  update(patch: Partial<DeliveryStatus>): void
  /** Applies what is pending now (before a caller reads it, e.g. on close). */
  commit(): void
}

export const initialDeliveryStatus = (online: boolean, sending: boolean): DeliveryStatus => ({
  pending: 0,
  inFlight: 0,
  retrying: null,
  deadLetters: [],
  online,
  sending,
  delivered: 0,
  lastError: null,
})

export function createStatusStore(initial: DeliveryStatus): StatusStore {
  const store = createStore<DeliveryStatus>()(() => initial)
  let pending: Partial<DeliveryStatus> | null = null

  const commit = () => {
    const patch = pending
    pending = null
    if (!patch) return
    const state = store.getState()
    const changed = (Object.keys(patch) as (keyof DeliveryStatus)[]).some(
      (key) => !Object.is(state[key], patch[key]),
    )
    if (changed) store.setState(patch)
  }

  return {
    store,
    update(patch) {
      if (pending) Object.assign(pending, patch)
      else {
        pending = { ...patch }
        atEndOfTask(commit)
      }
    },
    commit,
  }
}
