import { StrictMode, type ReactNode } from 'react'
import { render } from '@testing-library/react'
import { createAnalytics, createMemoryDestination, type AnalyticsOptions } from '../../../src/core/index.js'
import { createCollector } from '../../../src/collector/index.js'

export const WRITE_KEY = 'wk_react_test'

/** Every render in these suites goes through StrictMode, so double effects and double renders are exercised. */
export function renderStrict(ui: ReactNode) {
  return render(ui, { wrapper: ({ children }) => <StrictMode>{children}</StrictMode> })
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
