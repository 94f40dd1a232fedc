'use client'
import type { ActivityEntry } from '../core/index.js'
import { loadingActivity, serverActivity } from './serverSnapshots.js'
import { useClient } from './useClient.js'
import { useStoreSelector } from './useStoreSelector.js'

type Activity = readonly ActivityEntry[]
const whole = (state: Activity) => state

/** Reads the client's recent calls and what became of them, newest last. Re-renders on every call: for dev tools. */
export function useActivity(): Activity
export function useActivity<T>(selector: (state: Activity) => T, isEqual?: (a: T, b: T) => boolean): T
export function useActivity<T>(
  selector: (state: Activity) => T = whole as (state: Activity) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const client = useClient('useActivity')
  return useStoreSelector(client?.activity ?? loadingActivity, serverActivity, selector, isEqual)
}
