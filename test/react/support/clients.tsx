import { StrictMode, type ReactNode } from 'react'
// eslint-disable-next-line testing-library/no-manual-cleanup -- vitest globals are off, so RTL cannot register its own
import { cleanup, render } from '@testing-library/react'
import { afterEach } from 'vitest'
import { createAnalytics, createMemoryDestination, type AnalyticsOptions } from '../../../src/core/index.js'
import { createCollector } from '../../../src/collector/index.js'

export const WRITE_KEY = 'wk_react_test'

// Unmounts what a test rendered, for every file that imports these helpers.
afterEach(() => cleanup())

/**
 * Every render in these suites goes through StrictMode, so double renders and double effects are exercised.
 * StrictMode must be the root element: inside RTL's `wrapper` component React double-renders but runs effects once.
 */
export function renderStrict(ui: ReactNode) {
  const view = render(<StrictMode>{ui}</StrictMode>)
  return { ...view, rerender: (next: ReactNode) => view.rerender(<StrictMode>{next}</StrictMode>) }
}

/** A client whose events reach only an in-memory destination: for tests where the wire is not the point. */
export function memoryClient(options: Partial<AnalyticsOptions> = {}) {
  const destination = createMemoryDestination()
  const client = createAnalytics({
    writeKey: WRITE_KEY,
    apiHost: null,
    storage: 'memory',
    ...options,
    plugins: [destination.plugin, ...(options.plugins ?? [])],
  })
  return { client, destination }
}

/** The real collector on 127.0.0.1, and clients that deliver to it over HTTP. Close with `stop()`. */
export async function startCollector() {
  const collector = createCollector({ readable: true })
  const server = await collector.listen({ host: '127.0.0.1', port: 0 })
  const clients: ReturnType<typeof createAnalytics>[] = []
  return {
    collector,
    url: server.url,
    client(options: Partial<AnalyticsOptions> = {}) {
      const client = createAnalytics({
        writeKey: WRITE_KEY,
        apiHost: `${server.url}/v1`,
        storage: 'memory',
        flushInterval: 10,
        fetch: globalThis.fetch.bind(globalThis),
        ...options,
      })
      clients.push(client)
      return client
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()))
      await server.close()
      await collector.close()
    },
  }
}
