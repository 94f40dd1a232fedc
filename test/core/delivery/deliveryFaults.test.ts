import { afterEach, describe, expect, it } from 'vitest'
import { createCollector } from '../../../src/collector/index.js'
import type { DeliveryStatus } from '../../../src/core/types.js'
import { WRITE_KEY, fakeEnvironment, fastClock, ids, trackEvent, until, wireKit } from './deliveryHarness.js'

const kit = wireKit()
afterEach(kit.cleanup)

/** Every `retrying` value the status store went through. */
function retrySchedule(status: { subscribe(listener: (state: DeliveryStatus) => void): () => void }) {
  const seen: { attempt: number; nextAttemptAt: number; reason: string; observedAt: number }[] = []
  kit.defer(
    status.subscribe((state) => {
      if (state.retrying) seen.push({ ...state.retrying, observedAt: Date.now() })
    }),
  )
  return seen
}

describe('delivery under faults, against the real collector', () => {
  it('rides out a burst of 503s with backoff and delivers each event exactly once', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 503, times: 3 })
    const { queue, errors, clock } = kit.startQueue(apiHost, {
      clock: fastClock({ random: () => 0.5 }),
      retry: { maxAttempts: Infinity, baseDelayMs: 100, maxDelayMs: 5_000 },
    })
    const schedule = retrySchedule(queue.status)
    const events = Array.from({ length: 50 }, (_, i) => trackEvent('5xx', { i }))
    for (const event of events) queue.enqueue(event)
    await until(() => queue.status.getState().delivered === 50, 'delivery after the 503s')

    kit.expectExactlyOnce(collector, ids(events))
    expect(schedule.map((entry) => entry.attempt)).toEqual([1, 2, 3])
    expect(schedule[0]?.reason).toContain('503')
    // full jitter with random() = 0.5: half of 100·2^n
    expect(clock.delays).toEqual(expect.arrayContaining([50, 100, 200]))
    // one report per failure streak, not one per attempt
    expect(errors.map((error) => error.code)).toEqual(['network'])
    expect(queue.status.getState()).toMatchObject({ retrying: null, pending: 0 })
  })

  it('waits at least Retry-After on a 429 before trying again', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 429, times: 1, retryAfterSeconds: 3 })
    // random() = 0: the jittered backoff alone would retry at once
    const { queue, clock } = kit.startQueue(apiHost, { clock: fastClock({ random: () => 0 }) })
    const schedule = retrySchedule(queue.status)
    const events = Array.from({ length: 5 }, () => trackEvent('429'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    await until(() => queue.status.getState().delivered === 5, 'delivery after the 429')

    expect(schedule).toHaveLength(1)
    expect(schedule[0]!.nextAttemptAt - schedule[0]!.observedAt).toBeGreaterThanOrEqual(3000 - 50)
    expect(clock.delays).toContain(3000)
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('an explicit flush() during a Retry-After wait waits it out, then resolves with the events delivered', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 429, times: 1, retryAfterSeconds: 1 })
    // Real delays (capMs), random() = 0: only the server's Retry-After makes the client wait.
    const { queue, wire } = kit.startQueue(apiHost, { clock: fastClock({ random: () => 0, capMs: 60_000 }) })
    const events = Array.from({ length: 5 }, () => trackEvent('429-flush'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    expect(wire.records.map((record) => record.status)).toEqual([429])
    const refusedAt = Date.now()
    expect(queue.status.getState().retrying).not.toBeNull()

    await queue.flush()
    expect(queue.status.getState()).toMatchObject({ delivered: 5, pending: 0, retrying: null })
    expect(wire.records.map((record) => record.status)).toEqual([429, 200])
    const received = collector.events().map((event) => Date.parse(event.receivedAt))
    expect(Math.min(...received)).toBeGreaterThanOrEqual(refusedAt + 1000 - 50)
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('coming back online during a Retry-After wait still waits for the server', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 429, times: 1, retryAfterSeconds: 1 })
    const environment = fakeEnvironment()
    const { queue, wire } = kit.startQueue(apiHost, {
      clock: fastClock({ random: () => 0, capMs: 60_000 }),
      environment,
    })
    const events = Array.from({ length: 3 }, () => trackEvent('429-online'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    expect(wire.records.map((record) => record.status)).toEqual([429])
    const refusedAt = Date.now()
    environment.setOnline(false)
    environment.setOnline(true)

    await until(() => queue.status.getState().delivered === 3, 'delivery after the wait', 5000)
    expect(wire.records.map((record) => record.status)).toEqual([429, 200])
    const received = collector.events().map((event) => Date.parse(event.receivedAt))
    expect(Math.min(...received)).toBeGreaterThanOrEqual(refusedAt + 1000 - 50)
  })

  it('after maxAttempts failures waits for the next trigger instead of a timer', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 500 })
    const { queue, clock, wire } = kit.startQueue(apiHost, {
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    })
    const first = trackEvent('attempts')
    queue.enqueue(first)
    await until(() => wire.records.length === 3 && !queue.status.getState().retrying, 'three attempts')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(wire.records).toHaveLength(3)
    expect(clock.pending()).toBe(0)
    expect(queue.status.getState()).toMatchObject({ pending: 1, retrying: null })

    collector.faults.clear()
    const second = trackEvent('attempts')
    queue.enqueue(second)
    await until(() => queue.status.getState().delivered === 2, 'delivery on the next trigger')
    kit.expectExactlyOnce(collector, ids([first, second]))
  })

  it('retries through connection refused until the server is back on the same port', async () => {
    const collector = createCollector({ writeKeys: [WRITE_KEY] })
    kit.defer(() => collector.close())
    const first = await collector.listen({ host: '127.0.0.1', port: 0 })
    const port = Number(new URL(first.url).port)
    await first.close()

    const { queue, errors } = kit.startQueue(`${first.url}/v1`, {
      retry: { maxAttempts: Infinity, baseDelayMs: 5, maxDelayMs: 20 },
    })
    const events = Array.from({ length: 12 }, () => trackEvent('refused'))
    for (const event of events) queue.enqueue(event)
    await until(() => (queue.status.getState().retrying?.attempt ?? 0) >= 3, 'three refused attempts')
    expect(queue.status.getState().retrying?.reason).toMatch(/network error/)
    expect(collector.events()).toHaveLength(0)

    await collector.listen({ host: '127.0.0.1', port })
    await until(() => queue.status.getState().delivered === 12, 'delivery once the server is back')
    kit.expectExactlyOnce(collector, ids(events))
    expect(errors.filter((error) => error.code === 'network')).toHaveLength(1)
  })

  it('reports a refused write key once, keeps the events, does not loop, and resumes on flush()', async () => {
    const { collector, apiHost } = await kit.startCollector()
    collector.faults.set({ status: 401 })
    const { queue, errors, wire } = kit.startQueue(apiHost)
    const events = Array.from({ length: 5 }, () => trackEvent('401'))
    for (const event of events) queue.enqueue(event)
    await queue.flush()

    expect(errors).toEqual([
      expect.objectContaining({
        code: 'unauthorized',
        message: expect.stringContaining(`write key 'wk_t…' was refused (401): check writeKey`),
      }),
    ])
    expect(queue.status.getState()).toMatchObject({ sending: false, pending: 5, retrying: null })
    const more = [trackEvent('401-more'), trackEvent('401-more')]
    for (const event of more) queue.enqueue(event)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(wire.records).toHaveLength(1)

    // Still refused: tried once more on flush(), not reported again.
    await queue.flush()
    expect(wire.records).toHaveLength(2)
    expect(errors.filter((error) => error.code === 'unauthorized')).toHaveLength(1)

    collector.faults.clear()
    await queue.flush()
    kit.expectExactlyOnce(collector, ids([...events, ...more]))
    expect(queue.status.getState()).toMatchObject({ sending: true, pending: 0 })
  })

  it('splits a batch the server refuses as too large (413) until every event is delivered', async () => {
    const { collector, apiHost } = await kit.startCollector({
      writeKeys: [WRITE_KEY],
      limits: { maxBatchBytes: 6_000 },
    })
    const { queue, errors, wire } = kit.startQueue(apiHost, { flushAt: 1000 })
    const events = Array.from({ length: 40 }, (_, i) => trackEvent('413', { i, pad: 'p'.repeat(120) }))
    for (const event of events) queue.enqueue(event)
    await queue.flush()

    kit.expectExactlyOnce(collector, ids(events))
    expect(wire.records.some((record) => record.status === 413)).toBe(true)
    expect(errors).toEqual([])
    expect(queue.status.getState().deadLetters).toEqual([])
  })

  it('dead-letters the one event the collector refuses and delivers the good ones around it', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const deadLetters: string[] = []
    const { queue, errors } = kit.startQueue(apiHost, {
      onDeadLetter: (event, reason) => deadLetters.push(`${event.messageId} ${reason}`),
    })
    const good = Array.from({ length: 30 }, () => trackEvent('good'))
    // Valid JSON, but no event name: the spec refuses it.
    const { event: _name, ...bad } = trackEvent('bad')
    const batch = [...good.slice(0, 15), bad as (typeof good)[number], ...good.slice(15)]
    for (const event of batch) queue.enqueue(event)
    await queue.flush()

    kit.expectExactlyOnce(collector, ids(good))
    expect(deadLetters).toEqual([expect.stringMatching(new RegExp(`^${bad.messageId} .*event`))])
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'dead_letter',
        messageId: bad.messageId,
        message: expect.stringContaining('Missing required field'),
      }),
    ])
    expect(queue.status.getState()).toMatchObject({ pending: 0, delivered: 30 })
    expect(queue.status.getState().deadLetters.map((letter) => letter.event.messageId)).toEqual([
      bad.messageId,
    ])
  })

  it('halves a batch a strict server refuses with 400 to isolate the bad event', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const good = Array.from({ length: 15 }, () => trackEvent('strict-good'))
    const bad = trackEvent('strict-bad')
    // A server that refuses a whole batch for one bad event (as some Segment-compatible APIs do).
    const strict = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(init?.body).includes(bad.messageId)) {
        return new Response(JSON.stringify({ error: { message: `event ${bad.messageId} is malformed` } }), {
          status: 400,
        })
      }
      return fetch(input, init)
    }) as typeof fetch
    const { queue, wire, errors } = kit.startQueue(apiHost, { fetch: strict, flushAt: 1000 })
    for (const event of [...good.slice(0, 5), bad, ...good.slice(5)]) queue.enqueue(event)
    await queue.flush()

    kit.expectExactlyOnce(collector, ids(good))
    expect(queue.status.getState().deadLetters).toEqual([
      expect.objectContaining({ status: 400, reason: `event ${bad.messageId} is malformed` }),
    ])
    expect(errors.map((error) => error.code)).toEqual(['dead_letter'])
    // 16 events, one bad: about 2·log2(16) requests, not 16
    expect(wire.records.length).toBeLessThanOrEqual(9)
  })
})
