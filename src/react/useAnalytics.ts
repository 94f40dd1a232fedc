'use client'
import { createAnalytics, type AnalyticsClient } from '../core/index.js'
import { bindClient } from './bindClient.js'
import { provideCreateAnalytics } from './clientLoader.js'
import { useClientNow } from './useClient.js'

// Its methods return their results synchronously, so the client must exist when they are called: this module
// brings it into the bundle, and the provider then makes it on its first render (see clientLoader.ts).
provideCreateAnalytics(createAnalytics)

/**
 * The client of the nearest <AnalyticsProvider>. Its methods are bound and keep their identity for the client's
 * life; calling them re-renders nothing (read state with `useIdentity`).
 */
export function useAnalytics(): AnalyticsClient {
  return bindClient(useClientNow('useAnalytics', createAnalytics))
}
