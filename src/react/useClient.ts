'use client'
import { useContext } from 'react'
import type { AnalyticsClient } from '../core/index.js'
import { AnalyticsContext } from './AnalyticsContext.js'

/** The provider's client, or a sentence that tells the caller how to get one. */
export function useClient(hookName: string): AnalyticsClient {
  const client = useContext(AnalyticsContext)
  if (!client) {
    throw new Error(
      `${hookName} must be used inside <AnalyticsProvider>: wrap your app in <AnalyticsProvider writeKey="…"> ` +
        '(or <AnalyticsProvider client={client}> with a client from createAnalytics).',
    )
  }
  return client
}
