import { createAnalytics, createMemoryDestination, createMemoryStorage } from '../../../src/core/index.js'
import type { AnalyticsError, AnalyticsOptions, KeyValueStorage } from '../../../src/core/index.js'

/** A client whose events reach only an in-memory destination, with its errors collected. */
export function memoryClient(
  options: Partial<AnalyticsOptions> & { storage?: KeyValueStorage | 'memory' } = {},
) {
  const destination = createMemoryDestination()
  const errors: AnalyticsError[] = []
  const storage = options.storage ?? createMemoryStorage()
  const client = createAnalytics({
    writeKey: 'wk_core_test',
    apiHost: null,
    ...options,
    storage,
    plugins: [destination.plugin, ...(options.plugins ?? [])],
    onError: (error) => {
      errors.push(error)
      options.onError?.(error)
    },
  })
  return { client, destination, errors, storage }
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
