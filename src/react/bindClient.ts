'use client'
import type { AnalyticsClient } from '../core/index.js'

const bound = new WeakMap<AnalyticsClient, AnalyticsClient>()

/**
 * The client with every method bound, made once per client: `const { track } = useAnalytics()` works whatever way
 * the core implements its methods, and the functions keep one identity for effect deps and memoized children.
 */
export function bindClient(client: AnalyticsClient): AnalyticsClient {
  let facade = bound.get(client)
  if (!facade) {
    facade = {
      identify: client.identify.bind(client),
      group: client.group.bind(client),
      track: client.track.bind(client),
      page: client.page.bind(client),
      alias: client.alias.bind(client),
      reset: client.reset.bind(client),
      flush: client.flush.bind(client),
      close: client.close.bind(client),
      use: client.use.bind(client),
      setConsent: client.setConsent.bind(client),
      forgetGroup: client.forgetGroup.bind(client),
      exportGroups: client.exportGroups.bind(client),
      get store() {
        return client.store
      },
      get delivery() {
        return client.delivery
      },
      get activity() {
        return client.activity
      },
    }
    bound.set(client, facade)
  }
  return facade
}
