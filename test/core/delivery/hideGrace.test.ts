// Events sent at page hide are left alone by other pages for a grace window, so that an answer the hiding page lives
// to read is honoured instead of sent again; an answer nobody recorded is sent again after it (same messageIds).
import { afterEach, describe, expect, it } from 'vitest'
import { HIDE_GRACE_MS } from '../../../src/core/delivery/hideSentMarks.js'
import { countingStorage, fastClock, ids, trackEvent, until, wireKit } from './deliveryHarness.js'

const kit = wireKit()
afterEach(kit.cleanup)

/** Real timers cut short (as in fastClock), and a `now` the test moves forward. */
function laterClock() {
  const offset = { ms: 0 }
  const clock = { ...fastClock(), now: () => Date.now() + offset.ms }
  return { clock, offset }
}

/** A page that only sends at page hide: nothing leaves on its own for a minute. */
const hidingPage = { flushAt: 1000, flushInterval: 60_000, clock: fastClock({ capMs: 60_000 }) }

/**
 * The fetch of a page whose keepalive requests go out; what becomes of their answers is up to `answer`: the page
 * dies before reading them (never settles), reads them when the test says, or the request is lost with the page.
 */
function keepaliveFetch(answer: 'unread' | 'gated' | 'lost') {
  let open = () => {}
  const gate = new Promise<void>((resolve) => (open = resolve))
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!init?.keepalive) return fetch(input, init)
    if (answer === 'lost') return new Promise<Response>(() => {})
    const response = await fetch(input, init)
    if (answer === 'unread') return new Promise<Response>(() => {})
    await gate
    return response
  }) as typeof fetch
  return { fetch: wrapped, readAnswers: () => open() }
}

const sentIds = (records: readonly { messageIds: string[] }[]) =>
  records.flatMap((record) => record.messageIds)
const hideMarkKeys = (map: Map<string, string>) => [...map.keys()].filter((key) => key.includes(':hid:'))

describe('the grace window after a page-hide send', () => {
  it('the next page holds events sent at hide for the grace, then sends each once', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const closing = kit.startQueue(apiHost, { ...hidingPage, fetch: keepaliveFetch('unread').fetch })
    const events = Array.from({ length: 5 }, () => trackEvent('hide-unread'))
    for (const event of events) closing.queue.enqueue(event)
    closing.environment.hidePage()
    // The keepalive arrived; the page is gone before it reads the answer.
    await until(() => collector.events().length === 5, 'the keepalive batch at the collector')
    closing.queue.setPaused(true)

    const { clock, offset } = laterClock()
    const next = kit.startQueue(apiHost, { storage: countingStorage(new Map(closing.storage.map)), clock })
    expect(next.queue.status.getState().pending).toBe(5)
    await next.queue.flush()
    expect(sentIds(next.wire.records)).toEqual([])
    expect(next.queue.status.getState().pending).toBe(5)

    offset.ms = HIDE_GRACE_MS
    await next.queue.flush()
    await until(() => next.queue.status.getState().pending === 0, 'the held events to go')
    // Sent once more, with the same messageIds: the collector had them already and keeps each once.
    expect(sentIds(next.wire.records)).toEqual(ids(events))
    expect(next.wire.records.reduce((sum, record) => sum + record.duplicates, 0)).toBe(5)
    expect(collector.events().map((event) => event.messageId)).toEqual(ids(events))
  })

  it('an answer the hiding page records during the grace is honoured: another tab never sends those events', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const storage = countingStorage()
    const keepalive = keepaliveFetch('gated')
    const hiding = kit.startQueue(apiHost, { ...hidingPage, storage, fetch: keepalive.fetch })
    const { clock, offset } = laterClock()
    const other = kit.startQueue(apiHost, { storage, clock })
    const events = Array.from({ length: 5 }, () => trackEvent('hide-acked'))
    for (const event of events) hiding.queue.enqueue(event)
    hiding.environment.hidePage()
    await until(() => collector.events().length === 5, 'the keepalive batch at the collector')
    await other.queue.flush()
    expect(sentIds(other.wire.records)).toEqual([])

    keepalive.readAnswers()
    await until(() => hiding.queue.status.getState().delivered === 5, 'the hiding page to read its answer')
    await Promise.resolve()
    expect(hideMarkKeys(storage.map)).toEqual([])
    offset.ms = HIDE_GRACE_MS
    await other.queue.flush()
    expect(other.queue.status.getState().pending).toBe(0)
    expect(sentIds(other.wire.records)).toEqual([])
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('a page-hide send lost with the page is delivered after the grace: nothing lost', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const closing = kit.startQueue(apiHost, { ...hidingPage, fetch: keepaliveFetch('lost').fetch })
    const events = Array.from({ length: 4 }, () => trackEvent('hide-lost'))
    for (const event of events) closing.queue.enqueue(event)
    closing.environment.hidePage()
    closing.queue.setPaused(true)

    const { clock, offset } = laterClock()
    const next = kit.startQueue(apiHost, {
      storage: countingStorage(new Map(closing.storage.map)),
      clock,
      hideGraceMs: 200,
    })
    await next.queue.flush()
    expect(collector.events()).toEqual([])
    offset.ms = 200
    await next.queue.flush()
    await until(() => next.queue.status.getState().pending === 0, 'the held events to go')
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('a page that reads a failed answer releases its events at once for the tab holding the lock', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const storage = countingStorage()
    const hiding = kit.startQueue(apiHost, { ...hidingPage, storage })
    const sender = kit.startQueue(apiHost, { storage })
    const events = Array.from({ length: 3 }, () => trackEvent('hide-503'))
    for (const event of events) hiding.queue.enqueue(event)
    collector.faults.set({ status: 503, times: 1 })
    hiding.environment.hidePage()
    await until(() => hiding.wire.records.length === 1, 'the refused keepalive')
    expect(hiding.wire.records[0]!.status).toBe(503)
    await until(() => hideMarkKeys(storage.map).length === 0, 'the marks to go')

    await sender.queue.flush()
    expect(sentIds(sender.wire.records)).toEqual(ids(events))
    kit.expectExactlyOnce(collector, ids(events))
  })

  it('hideGraceMs: 0 holds nothing', async () => {
    const { collector, apiHost } = await kit.startCollector()
    const closing = kit.startQueue(apiHost, {
      ...hidingPage,
      fetch: keepaliveFetch('lost').fetch,
      hideGraceMs: 0,
    })
    const events = [trackEvent('no-grace')]
    closing.queue.enqueue(events[0]!)
    closing.environment.hidePage()
    closing.queue.setPaused(true)
    expect(hideMarkKeys(closing.storage.map)).toEqual([])

    const next = kit.startQueue(apiHost, { storage: countingStorage(new Map(closing.storage.map)) })
    await next.queue.flush()
    kit.expectExactlyOnce(collector, ids(events))
  })
})
