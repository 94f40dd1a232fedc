'use client'
import { useCallback, useContext } from 'react'
import type { AnalyticsClient } from '../core/index.js'
import { loadCreateAnalytics } from './clientLoader.js'
import { PendingClientContext } from './PendingClientContext.js'
import { useClient } from './useClient.js'

/**
 * A stable function that runs `action` on the provider's client: at once, or, while the client's chunk is still
 * loading, as soon as it arrives (on the client the provider then adopts). For calls that return nothing, so that
 * they can wait without keeping the client in the app's first bundle. `action` must be a module-level function.
 */
export function useClientAction<A extends unknown[]>(
  hookName: string,
  action: (client: AnalyticsClient, ...args: A) => void,
): (...args: A) => void {
  const client = useClient(hookName)
  const pending = useContext(PendingClientContext)
  return useCallback(
    (...args: A) => {
      if (client) return action(client, ...args)
      // A chunk that does not load is reported once, by the provider.
      loadCreateAnalytics().then(
        (create) => action(pending!.now(create), ...args),
        () => {},
      )
    },
    [client, pending, action],
  )
}
