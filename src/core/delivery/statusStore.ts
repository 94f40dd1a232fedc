import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import { atEndOfTask } from '../atEndOfTask.js'
import type { DeliveryStatus } from '../types.js'

export interface StatusStore {
  readonly store: StoreApi<DeliveryStatus>
  /**
   * Merged into the state at the end of the task, so a burst of 1,000 events notifies subscribers once; with none
   * subscribed, when the state is next read (a call then schedules nothing at all).
   */
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
  const { getState, subscribe } = store
  let pending: Partial<DeliveryStatus> | null = null

  const commit = () => {
    const patch = pending
    pending = null
    if (!patch) return
    const state = getState()
    const changed = (Object.keys(patch) as (keyof DeliveryStatus)[]).some(
      (key) => !Object.is(state[key], patch[key]),
    )
    if (changed) store.setState(patch)
  }

  // Our own count of zustand's listeners (a Set as well, so the same listener twice is one).
  const listeners = new Set<unknown>()
  let scheduled = false
  const schedule = () => {
    if (scheduled || !pending || listeners.size === 0) return
    scheduled = true
    atEndOfTask(() => {
      scheduled = false
      commit()
    })
  }
  // Read with nobody subscribed, the state is brought up to date (there is nobody to notify); with subscribers it
  // changes only at the end of the task, when they are told, so what they read and what they were told agree.
  store.getState = () => {
    if (listeners.size === 0) commit()
    return getState()
  }
  store.subscribe = (listener) => {
    listeners.add(listener)
    schedule()
    const unsubscribe = subscribe(listener)
    return () => {
      listeners.delete(listener)
      unsubscribe()
    }
  }

  return {
    store,
    update(patch) {
      if (pending) Object.assign(pending, patch)
      else pending = { ...patch }
      schedule()
    },
    commit,
  }
}
