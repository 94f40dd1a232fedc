'use client'
import type { AnalyticsClient } from '../core/index.js'
import { useClientAction } from './useClientAction.js'

const reset = (client: AnalyticsClient) => client.reset()

/**
 * Logout: a function that clears the user, traits and groups and makes a new anonymousId (`client.reset()`). Unlike
 * `useAnalytics().reset`, it does not keep the client in the app's first bundle: called before the client has
 * loaded, it resets it as soon as it is there.
 */
export function useReset(): () => void {
  return useClientAction('useReset', reset)
}
