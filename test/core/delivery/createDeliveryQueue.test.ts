import { afterEach, describe, expect, it } from 'vitest'
import type { AnalyticsError } from '../../../src/core/types.js'
import { LIMITS } from '../../../src/spec/index.js'
import { WRITE_KEY, countingStorage, fastClock, ids, trackEvent, until, wireKit } from './deliveryHarness.js'

const kit = wireKit()
afterEach(kit.cleanup)

describe('createDeliveryQueue on the wire', () => {
  it('delivers every event exactly once in batches with the Segment envelope and Basic auth', async () => {
    const { collector, apiHost, server } = await kit.startCollector()
    const { queue, wire, errors } = kit.startQueue(apiHost)
    const events = Array.from({ length: 45 }, (_, i) => trackEvent('basic', { i }))
    for (const event of events) queue.enqueue(event)
    await queue.flush()

    kit.expectExactlyOnce(collector, ids(events))
    expect(errors).toEqual([])
    expect(wire.records.every((record) => record.url === `${server.url}/v1/batch`)).toBe(true)
    expect(wire.records[0]?.headers.authorization).toBe(`Basic ${btoa(`${WRITE_KEY}:`)}`)
    expect(wire.records[0]?.headers['content-type']).toBe('application/json')
    // sentAt comes from the batch envelope
    expect(collector.events({ messageId: events[0]!.messageId })[0]?.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(queue.status.getState()).toMatchObject({ pending: 0, inFlight: 0, delivered: 45, lastError: null })
  })

  it('flushes on its own at flushAt events and after flushInterval', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, wire, clock } = kit.startQueue(apiHost, { flushAt: 10, flushInterval: 30_000 })
    const burst = Array.from({ length: 10 }, () => trackEvent('flushAt'))
    for (const event of burst) queue.enqueue(event)
    await until(() => wire.records.length === 1, 'the flushAt batch')
    expect(wire.records[0]?.messageIds).toEqual(ids(burst))

    const straggler = trackEvent('interval')
    queue.enqueue(straggler)
    await until(() => wire.records.length === 2, 'the interval flush')
    // The fast clock runs it at once, but what was asked for is the interval.
    expect(clock.delays).toContain(30_000)
    kit.expectExactlyOnce(collector, ids([...burst, straggler]))
  })

  it('flushes on its own once ~450 KB is queued, before flushAt or the interval', async () => {
    const { collector, apiHost } = await kit.startCollector()
    // A clock whose timers really wait: nothing but the size can trigger the send within the test.
    const { queue, wire } = kit.startQueue(apiHost, {
      flushAt: 1000,
      flushInterval: 3_600_000,
      clock: fastClock({ capMs: 3_600_000 }),
    })
    // 18 events of ~25 KB: the 18th takes the queue past 450 KB.
    const events = Array.from({ length: 18 }, (_, i) =>
      trackEvent('bytes', { i, blob: 'b'.repeat(25 * 1024) }),
    )
    for (const event of events.slice(0, 17)) queue.enqueue(event)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(wire.records).toHaveLength(0)
    queue.enqueue(events[17]!)
    await until(() => queue.status.getState().delivered === 18, 'the size-triggered flush')
    expect(wire.records.every((record) => record.status === 200)).toBe(true)
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('counts the size in UTF-8 bytes, not characters: 19 events of 12 K two-byte characters pass 450 KB', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, wire } = kit.startQueue(apiHost, {
      flushAt: 1000,
      flushInterval: 3_600_000,
      clock: fastClock({ capMs: 3_600_000 }),
    })
    // ~24.2 KB of JSON each in bytes, ~12.1 K characters: 18 stay under 450 KB, the 19th takes the queue past it.
    const events = Array.from({ length: 19 }, (_, i) =>
      trackEvent('bytes', { i, text: 'é'.repeat(12 * 1024) }),
    )
    for (const event of events.slice(0, 18)) queue.enqueue(event)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(wire.records).toHaveLength(0)
    queue.enqueue(events[18]!)
    await until(() => queue.status.getState().delivered === 19, 'the size-triggered flush')
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('gzips batches when compress is on, and the collector accepts them', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, wire } = kit.startQueue(apiHost, { compress: true })
    const events = Array.from({ length: 30 }, (_, i) => trackEvent('gzip', { i, text: 'x'.repeat(200) }))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    expect(wire.records.length).toBeGreaterThan(0)
    expect(wire.records.every((record) => record.gzip && record.headers['content-encoding'] === 'gzip')).toBe(
      true,
    )
    expect(wire.records.every((record) => record.status === 200)).toBe(true)
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('persists 1,000 synchronous enqueues with one storage write and one status update', async () => {
    const { apiHost } = await kit.startCollector()
    const storage = countingStorage()
    const { queue } = kit.startQueue(apiHost, { storage, paused: true })
    await Promise.resolve()
    storage.counts.setItem = 0
    let notifications = 0
    const unsubscribe = queue.status.subscribe(() => notifications++)
    const events = Array.from({ length: 1000 }, (_, i) => trackEvent('burst', { i }))
    for (const event of events) queue.enqueue(event)
    expect(storage.counts.setItem).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 0))
    unsubscribe()

    expect(storage.counts.setItem).toBe(1)
    expect(notifications).toBe(1)
    expect(queue.status.getState().pending).toBe(1000)
    const stored = [...storage.map.values()].join('')
    expect(events.every((event) => stored.includes(event.messageId))).toBe(true)
  })

  it('holds while paused and sends on resume; clear() drops what is queued and reports it once', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, wire, errors, storage } = kit.startQueue(apiHost, { paused: true, flushAt: 5 })
    const held = Array.from({ length: 8 }, () => trackEvent('paused'))
    for (const event of held) queue.enqueue(event)
    await queue.flush()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(wire.records).toHaveLength(0)
    expect(queue.status.getState()).toMatchObject({ sending: false, pending: 8 })

    queue.setPaused(false)
    await until(() => queue.status.getState().delivered === 8, 'the held events')
    kit.expectExactlyOnce(collector, ids(held))

    queue.setPaused(true)
    const denied = Array.from({ length: 7 }, () => trackEvent('denied'))
    for (const event of denied) queue.enqueue(event)
    queue.clear()
    queue.setPaused(false)
    await queue.flush()
    expect(errors.filter((error) => error.code === 'dropped')).toEqual([
      expect.objectContaining({
        code: 'dropped',
        message: expect.stringContaining('dropped 7 queued events'),
      }),
    ])
    await Promise.resolve()
    expect(queue.status.getState().pending).toBe(0)
    expect(
      [...storage.map.values()].some((value) => denied.some((event) => value.includes(event.messageId))),
    ).toBe(false)
    kit.expectExactlyOnce(collector, ids(held))
  })

  it('drops the oldest events first when maxQueueSize overflows, reporting each drop', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, errors } = kit.startQueue(apiHost, { maxQueueSize: 5, paused: true })
    const events = Array.from({ length: 8 }, (_, i) => trackEvent('overflow', { i }))
    for (const event of events) queue.enqueue(event)
    const dropped = errors.filter((error) => error.code === 'dropped')
    expect(dropped.map((error) => error.messageId)).toEqual(ids(events.slice(0, 3)))
    expect(dropped[0]?.message).toContain('maxQueueSize 5')

    queue.setPaused(false)
    await queue.flush()
    kit.expectExactlyOnce(collector, ids(events.slice(3)))
  })

  it('dead-letters an oversize event with a clear reason and delivers the rest', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const deadLetters: string[] = []
    const { queue, errors, wire } = kit.startQueue(apiHost, {
      onDeadLetter: (event, reason) => deadLetters.push(`${event.messageId}: ${reason}`),
    })
    const huge = trackEvent('huge', { blob: 'x'.repeat(LIMITS.maxEventBytes + 10) })
    const fine = [trackEvent('fine'), trackEvent('fine')]
    queue.enqueue(fine[0]!)
    queue.enqueue(huge)
    queue.enqueue(fine[1]!)
    await queue.flush()

    kit.expectExactlyOnce(collector, ids(fine))
    expect(wire.records.flatMap((record) => record.messageIds)).not.toContain(huge.messageId)
    expect(deadLetters).toEqual([
      expect.stringMatching(new RegExp(`^${huge.messageId}: .*over the 32768-byte limit`)),
    ])
    expect(errors).toEqual([expect.objectContaining({ code: 'dead_letter', messageId: huge.messageId })])
    expect(queue.status.getState().deadLetters).toEqual([
      expect.objectContaining({ event: huge, status: 413, reason: expect.stringContaining('32768') }),
    ])
  })

  it('close() sends what it can, then leaves no timer, listener or request behind', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const { queue, clock, environment, wire } = kit.startQueue(apiHost, { flushInterval: 60_000 })
    const events = Array.from({ length: 3 }, () => trackEvent('close'))
    for (const event of events) queue.enqueue(event)
    expect(clock.pending()).toBe(1)
    await queue.close()

    kit.expectExactlyOnce(collector, ids(events))
    expect(clock.pending()).toBe(0)
    expect(environment.listeners()).toBe(0)
    const requests = wire.records.length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(wire.records.length).toBe(requests)
  })

  it('close() during a failing backoff stops retrying and keeps the events for the next page', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 503 })
    const first = kit.startQueue(apiHost, {
      retry: { maxAttempts: Infinity, baseDelayMs: 10_000, maxDelayMs: 60_000 },
    })
    const events = Array.from({ length: 4 }, () => trackEvent('close-failing'))
    for (const event of events) first.queue.enqueue(event)
    await first.queue.flush()
    expect(first.queue.status.getState().retrying).toMatchObject({ attempt: 1 })
    await first.queue.close()
    expect(first.clock.pending()).toBe(0)
    expect(first.queue.status.getState()).toMatchObject({ retrying: null, sending: false, pending: 4 })
    expect(collector.events()).toHaveLength(0)

    collector.faults.clear()
    const next = kit.startQueue(apiHost, { storage: first.storage })
    await next.queue.flush()
    kit.expectExactlyOnce(collector, ids(events))
    expect(next.queue.status.getState().pending).toBe(0)
  })

  it('keeps delivering from memory when storage throws, and says so once', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const broken = countingStorage()
    broken.setItem = () => {
      throw new DOMException('quota exceeded', 'QuotaExceededError')
    }
    const { queue, errors } = kit.startQueue(apiHost, { storage: broken })
    const events = Array.from({ length: 30 }, () => trackEvent('quota'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    kit.expectExactlyOnce(collector, ids(events))
    expect(errors.map((error) => error.code)).toEqual(['storage'])
    expect(errors[0]?.message).toContain('held in memory')
  })

  it('does not send on page hide while paused (consent pending)', async () => {
    const { apiHost } = await kit.startCollector()
    const { queue, wire, environment, storage } = kit.startQueue(apiHost, { paused: true })
    const event = trackEvent('hidden-paused')
    queue.enqueue(event)
    environment.hidePage()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(wire.records).toHaveLength(0)
    expect([...storage.map.values()].join('')).toContain(event.messageId)
  })

  it('never throws from enqueue and survives a throwing onError', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const thrown: AnalyticsError[] = []
    const { queue } = kit.startQueue(apiHost, {
      maxQueueSize: 1,
      onError: (error) => {
        thrown.push(error)
        throw new Error('callback bug')
      },
    })
    const [a, b] = [trackEvent('throwing'), trackEvent('throwing')]
    expect(() => {
      queue.enqueue(a!)
      queue.enqueue(b!)
    }).not.toThrow()
    await queue.flush()
    expect(thrown.map((error) => error.code)).toEqual(['dropped'])
    kit.expectExactlyOnce(collector, ids([b!]))
  })
})
