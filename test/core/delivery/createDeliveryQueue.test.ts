import { afterEach, describe, expect, it } from 'vitest'
import { createCollector } from '../../../src/collector/index.js'
import type { Collector, CollectorServer } from '../../../src/collector/index.js'
import { createDeliveryQueue } from '../../../src/core/delivery/createDeliveryQueue.js'
import type { DeliveryOptions, DeliveryQueue } from '../../../src/core/delivery/types.js'
import type { AnalyticsError } from '../../../src/core/types.js'
import {
  WRITE_KEY,
  countingStorage,
  fakeEnvironment,
  fastClock,
  recordingFetch,
  trackEvent,
  until,
} from './deliveryHarness.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startCollector(writeKeys = [WRITE_KEY]) {
  const collector = createCollector({ writeKeys })
  const server = await collector.listen({ host: '127.0.0.1', port: 0 })
  cleanups.push(() => collector.close())
  return { collector, server }
}

function startQueue(server: CollectorServer, overrides: Partial<DeliveryOptions> = {}) {
  const errors: AnalyticsError[] = []
  const wire = recordingFetch()
  const clock = fastClock()
  const environment = fakeEnvironment()
  const storage = countingStorage()
  const queue: DeliveryQueue = createDeliveryQueue({
    writeKey: WRITE_KEY,
    apiHost: `${server.url}/v1`,
    flushAt: 20,
    flushInterval: 50,
    maxQueueSize: 10_000,
    retry: { maxAttempts: Infinity, baseDelayMs: 100, maxDelayMs: 5_000 },
    storage,
    storageKey: 'gk-test:queue',
    compress: false,
    onError: (error) => errors.push(error),
    fetch: wire.fetch,
    clock,
    environment,
    ...overrides,
  })
  cleanups.push(() => queue.close())
  return { queue, errors, wire, clock, environment, storage }
}

/** Every id arrived, exactly once: stored once by the collector and never reported by it as a duplicate. */
function expectExactlyOnce(
  collector: Collector,
  ids: readonly string[],
  wire: { records: { duplicates: number }[] },
) {
  const stored = collector.events().map((event) => event.messageId)
  const counts = new Map<string, number>()
  for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1)
  expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([])
  expect(stored.filter((id) => !ids.includes(id))).toEqual([])
  expect(wire.records.reduce((sum, record) => sum + record.duplicates, 0)).toBe(0)
}

describe('createDeliveryQueue on the wire', () => {
  it('delivers every event exactly once in batches with the Segment envelope', async () => {
    const { collector, server } = await startCollector()
    const { queue, wire, errors } = startQueue(server)
    const events = Array.from({ length: 45 }, (_, i) => trackEvent('basic', { i }))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    expectExactlyOnce(
      collector,
      events.map((event) => event.messageId),
      wire,
    )
    expect(errors).toEqual([])
    expect(wire.records.every((record) => record.url === `${server.url}/v1/batch`)).toBe(true)
    expect(wire.records[0]?.headers.authorization).toBe(`Basic ${btoa(`${WRITE_KEY}:`)}`)
    expect(wire.records[0]?.headers['content-type']).toBe('application/json')
    expect(queue.status.getState()).toMatchObject({ pending: 0, inFlight: 0, delivered: 45 })
  })
})
