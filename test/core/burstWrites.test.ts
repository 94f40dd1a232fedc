import { afterEach, describe, expect, it } from 'vitest'
import { createAnalytics, createMemoryStorage } from '../../src/core/index.js'
import type { AnalyticsClient, KeyValueStorage } from '../../src/core/index.js'

const clients: AnalyticsClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

function countingStorage() {
  const inner = createMemoryStorage()
  const writes: string[] = []
  const storage: KeyValueStorage = {
    getItem: (key) => inner.getItem(key),
    setItem: (key, value) => {
      writes.push(key)
      inner.setItem(key, value)
    },
    removeItem: (key) => inner.removeItem(key),
  }
  return { storage, writes, inner }
}

describe('a synchronous burst through the client', () => {
  it('1,000 track calls cost one storage write, made before the task ends', async () => {
    const { storage, writes, inner } = countingStorage()
    // flushAt and flushInterval keep anything from being sent during the burst: what is persisted is what would
    // survive the tab closing now.
    const client = createAnalytics({
      writeKey: 'wk_burst',
      apiHost: 'https://api.example/v1',
      fetch: async () => new Response('{}'),
      storage,
      flushAt: 5000,
      flushInterval: 60_000,
    })
    clients.push(client)
    client.identify('u1', { email: 'a@b.c' })
    client.group('acme', { name: 'ACME' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    writes.length = 0
    const ids: string[] = []
    for (let i = 0; i < 1000; i++) {
      const result = client.track('Burst', { i })
      if (result.ok) ids.push(result.event.messageId ?? '')
    }
    // A suppressed group call in the same task writes nothing either.
    client.group('acme', { name: 'ACME' })
    expect(writes).toEqual([])
    await Promise.resolve()
    await Promise.resolve()
    expect(writes).toHaveLength(1)
    expect(ids).toHaveLength(1000)
    const stored = writes.map((key) => inner.getItem(key) ?? '').join('')
    expect(ids.every((id) => stored.includes(id))).toBe(true)
  })
})
