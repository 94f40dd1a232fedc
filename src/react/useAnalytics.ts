'use client'
import type { AnalyticsClient } from '../core/index.js'
import { bindClient } from './bindClient.js'
import { useClient } from './useClient.js'

/**
 * The client of the nearest <AnalyticsProvider>. Its methods are bound and keep their identity for the client's
 * life; calling them re-renders nothing (read state with `useIdentity`).
 */
export function useAnalytics(): AnalyticsClient {
  return bindClient(useClient('useAnalytics'))
}
