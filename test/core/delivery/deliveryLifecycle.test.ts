import { afterEach, describe, expect, it } from 'vitest'
import { KEEPALIVE_CHUNK_BYTES } from '../../../src/core/delivery/buildBatches.js'
import {
  WRITE_KEY,
  countingStorage,
  fakeEnvironment,
  fakeLocks,
  fastClock,
  ids,
  trackEvent,
  until,
  wireKit,
} from './deliveryHarness.js'

const kit = wireKit()
afterEach(kit.cleanup)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('offline and page lifecycle', () => {
  it('holds while offline and sends when the browser is back online', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const environment = fakeEnvironment({ online: false })
    const { queue, wire, clock } = kit.startQueue(apiHost, { environment })
    const events = Array.from({ length: 25 }, () => trackEvent('offline'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    await pause(20)
    expect(wire.records).toHaveLength(0)
    expect(clock.pending()).toBe(0)
    expect(queue.status.getState()).toMatchObject({ online: false, pending: 25 })

    environment.setOnline(true)
    await until(() => queue.status.getState().delivered === 25, 'delivery once online')
    expect(queue.status.getState().online).toBe(true)
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('stops the backoff when a failed send finds the browser offline, and resumes on `online`', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const environment = fakeEnvironment()
    let failing = true
    const dropsWhileOffline = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (failing) {
        environment.setOnline(false)
        throw new TypeError('fetch failed')
      }
      return fetch(input, init)
    }) as typeof fetch
    const { queue, clock } = kit.startQueue(apiHost, { environment, fetch: dropsWhileOffline })
    const events = Array.from({ length: 3 }, () => trackEvent('drop'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    expect(queue.status.getState()).toMatchObject({ online: false, retrying: null, pending: 3 })
    expect(clock.pending()).toBe(0)

    failing = false
    environment.setOnline(true)
    await until(() => queue.status.getState().delivered === 3, 'delivery once online')
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('on page hide sends the queue with keepalive in chunks under 64 KB, removing only acknowledged events', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, wire, environment, storage } = kit.startQueue(apiHost, {
      flushAt: 1000,
      flushInterval: 60_000,
      clock: fastClock({ capMs: 60_000 }),
    })
    const events = Array.from({ length: 100 }, (_, i) => trackEvent('hide', { i, text: 'h'.repeat(2000) }))
    for (const event of events) queue.enqueue(event)
    await Promise.resolve()
    environment.hidePage()
    // Nobody subscribes here, so the state is current when read (subscribers hear of it at the end of the task).
    expect(queue.status.getState().inFlight).toBe(100)
    await until(() => queue.status.getState().delivered === 100, 'keepalive acknowledgements')

    expect(wire.records.length).toBeGreaterThanOrEqual(4)
    for (const record of wire.records) {
      expect(record.keepalive).toBe(true)
      expect(record.headers['content-type']).toBe('text/plain')
      expect(record.headers.authorization).toBeUndefined()
    }
    kit.expectExactlyOnce(collector, ids(events))
    await Promise.resolve()
    expect([...storage.map.values()].join('')).not.toContain(events[0]!.messageId)
  })

  it('dead-letters an event a keepalive answer refused instead of counting it delivered', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, environment, errors } = kit.startQueue(apiHost, {
      flushAt: 1000,
      flushInterval: 60_000,
      clock: fastClock({ capMs: 60_000 }),
    })
    const good = [trackEvent('hide-good'), trackEvent('hide-good')]
    const { event: _name, ...bad } = trackEvent('hide-bad')
    for (const event of [good[0]!, bad as (typeof good)[number], good[1]!]) queue.enqueue(event)
    environment.hidePage()
    await until(() => queue.status.getState().delivered === 2, 'keepalive acknowledgement')
    kit.expectExactlyOnce(collector, ids(good))
    expect(queue.status.getState()).toMatchObject({ pending: 0, delivered: 2 })
    expect(queue.status.getState().deadLetters.map((letter) => letter.event.messageId)).toEqual([
      bad.messageId,
    ])
    expect(errors.map((error) => error.code)).toEqual(['dead_letter'])
  })

  it('falls back to sendBeacon when keepalive is refused; those events are sent again by the next page', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const noKeepalive = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.keepalive) return Promise.reject(new TypeError('keepalive quota exceeded'))
      return fetch(input, init)
    }) as typeof fetch
    const page = kit.startQueue(apiHost, {
      flushAt: 1000,
      flushInterval: 60_000,
      clock: fastClock({ capMs: 60_000 }),
      fetch: noKeepalive,
    })
    const events = Array.from({ length: 40 }, (_, i) => trackEvent('beacon', { i, text: 'b'.repeat(3000) }))
    for (const event of events) page.queue.enqueue(event)
    page.environment.hidePage()
    await until(() => page.environment.beacons.length >= 2, 'beacons')
    await page.environment.beaconsSettled()

    const beaconed = page.environment.beacons.flatMap(
      (beacon) => (JSON.parse(beacon.body) as { batch: { messageId: string }[] }).batch,
    )
    expect(ids(beaconed)).toEqual(ids(events))
    for (const beacon of page.environment.beacons) {
      expect(new TextEncoder().encode(beacon.body).length).toBeLessThan(KEEPALIVE_CHUNK_BYTES)
      expect(JSON.parse(beacon.body)).toMatchObject({ writeKey: WRITE_KEY, sentAt: expect.any(String) })
    }
    // A beacon is never acknowledged: everything is still stored for the next page.
    expect(page.queue.status.getState().pending).toBe(40)

    page.queue.setPaused(true) // the page is gone
    const next = kit.startQueue(apiHost, { storage: countingStorage(new Map(page.storage.map)) })
    expect(next.queue.status.getState().pending).toBe(40)
    await next.queue.flush()
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('a reload mid-queue: the next page delivers the rest exactly once', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const first = kit.startQueue(apiHost, { flushAt: 10 })
    const early = Array.from({ length: 10 }, () => trackEvent('early'))
    for (const event of early) first.queue.enqueue(event)
    await until(() => first.queue.status.getState().delivered === 10, 'the first batch')

    collector.faults.set({ status: 503 })
    const late = Array.from({ length: 15 }, () => trackEvent('late'))
    for (const event of late) first.queue.enqueue(event)
    await until(() => first.queue.status.getState().retrying !== null, 'a failing retry')
    // The page goes away here: its storage is what the next page finds, its timers die with it.
    first.queue.setPaused(true)
    const leftBehind = new Map(first.storage.map)
    collector.faults.clear()

    const next = kit.startQueue(apiHost, { storage: countingStorage(leftBehind) })
    expect(next.queue.status.getState().pending).toBe(15)
    await next.queue.flush()
    kit.expectExactlyOnce(collector, ids([...early, ...late]))
    expect(next.queue.status.getState().pending).toBe(0)
    // The closed tab's outbox is cleaned up once everything in it is delivered (next load sees nothing).
    await next.queue.close()
    const after = kit.startQueue(apiHost, { storage: countingStorage(new Map(leftBehind)) })
    expect(after.queue.status.getState().pending).toBe(0)
  })
})

describe('two tabs sharing one storage', () => {
  for (const lockKind of ['Web Locks', 'storage lease'] as const) {
    it(`deliver every event exactly once (${lockKind})`, async () => {
      const { collector, apiHost } = await kit.startCollector()
      const storage = countingStorage()
      const locks = lockKind === 'Web Locks' ? fakeLocks() : null
      const tabs = Array.from({ length: 3 }, () =>
        kit.startQueue(apiHost, {
          storage,
          environment: fakeEnvironment({ locks }),
          clock: fastClock({ capMs: 3 }),
          flushAt: 7,
          flushInterval: 10,
        }),
      )
      const events: ReturnType<typeof trackEvent>[] = []
      for (let round = 0; round < 12; round++) {
        for (const [index, tab] of tabs.entries()) {
          const burst = Array.from({ length: (round * 7 + index * 3) % 11 }, () => trackEvent(`tab${index}`))
          for (const event of burst) tab.queue.enqueue(event)
          events.push(...burst)
          if ((round + index) % 4 === 0) void tab.queue.flush()
        }
        await pause(round % 3)
      }
      await until(() => collector.events().length >= events.length, 'every event', 10_000)
      await until(
        () => tabs.every((tab) => tab.queue.status.getState().pending === 0),
        'every tab to see its events delivered',
      )
      kit.expectExactlyOnce(collector, ids(events))
    })
  }

  it('the tab holding the lock sends the events a quiet tab persisted', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const storage = countingStorage()
    const locks = fakeLocks()
    const active = kit.startQueue(apiHost, { storage, environment: fakeEnvironment({ locks }) })
    const quiet = kit.startQueue(apiHost, {
      storage,
      environment: fakeEnvironment({ locks }),
      flushAt: 1000,
      flushInterval: 60_000,
      clock: fastClock({ capMs: 60_000 }),
    })
    const quietEvents = Array.from({ length: 6 }, () => trackEvent('quiet'))
    for (const event of quietEvents) quiet.queue.enqueue(event)
    const activeEvents = [trackEvent('active')]
    active.queue.enqueue(activeEvents[0]!)
    await Promise.resolve()
    await active.queue.flush()

    kit.expectExactlyOnce(collector, ids([...activeEvents, ...quietEvents]))
    expect(quiet.wire.records).toHaveLength(0)
    // The quiet tab learns its events are delivered and has nothing left to send.
    await quiet.queue.flush()
    expect(quiet.wire.records).toHaveLength(0)
    expect(quiet.queue.status.getState().pending).toBe(0)
  })
})
