'use client'
import { useContext } from 'react'
import type { AnalyticsClient } from '../core/index.js'
import { AnalyticsContext } from './AnalyticsContext.js'
import type { CreateAnalytics } from './clientLoader.js'
import { PendingClientContext } from './PendingClientContext.js'

/**
 * The provider's client; null while its chunk is still loading (the hook then renders what the server would and
 * sends once the client arrives). Outside a provider, a sentence that tells the caller how to get one.
 */
export function useClient(hookName: string): AnalyticsClient | null {
  const client = useContext(AnalyticsContext)
  const pending = useContext(PendingClientContext)
  if (!client && !pending) {
    throw new Error(
      `${hookName} must be used inside <AnalyticsProvider>: wrap your app in <AnalyticsProvider writeKey="…"> ` +
        '(or <AnalyticsProvider client={client}> with a client from createAnalytics).',
    )
  }
  return client
}

/** For callers that cannot wait (synchronous results, a click): the client, made at once if it was loading. */
export function useClientNow(hookName: string, create: CreateAnalytics): AnalyticsClient {
  const client = useClient(hookName)
  const pending = useContext(PendingClientContext)
  return client ?? pending!.now(create)
}
