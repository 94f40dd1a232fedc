// @vitest-environment jsdom
// What a stream of calls leaves in localStorage, and when: the first write after a quiet spell before its task
// ends, the rest at most once per WRITE_INTERVAL_MS, everything at once when the page is hidden or left.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, createMemoryStorage } from '../../src/core/index.js'
import type { AnalyticsClient } from '../../src/core/index.js'
import { WRITE_INTERVAL_MS } from '../../src/core/writeBehind.js'

const clients: AnalyticsClient[] = []
const WRITE_KEY = 'wk_behind'

function client(): AnalyticsClient {
  // Consent pending: the queue persists but sends nothing, so storage holds every event made.
  const made = createAnalytics({
    writeKey: WRITE_KEY,
    apiHost: 'https://api.example/v1',
    fetch: async () => new Response('{}'),
    consent: 'pending',
    onError: () => {},
  })
  clients.push(made)
  return made
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

/** The messageIds every outbox of this write key holds in localStorage. */
function storedMessageIds(): string[] {
  const ids: string[] = []
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!
    if (!key.startsWith(`groupkit.queue.${WRITE_KEY}:q:`)) continue
    const outbox = JSON.parse(localStorage.getItem(key)!) as { events?: { messageId: string }[] }
    for (const event of outbox.events ?? []) ids.push(event.messageId)
  }
  return ids.sort()
}

function setItemCalls(): { count: () => number } {
  const spy = vi.spyOn(Storage.prototype, 'setItem')
  const start = spy.mock.calls.length
  return { count: () => spy.mock.calls.length - start }
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

// One quiet spell between tests, so each starts with a write that lands before its task ends.
beforeEach(async () => {
  localStorage.clear()
  await new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS + 10))
})
afterEach(async () => {
  setVisibility('visible')
  await Promise.all(clients.splice(0).map((c) => c.close()))
  vi.restoreAllMocks()
})

describe('storage writes behind a stream of calls', () => {
  it('a lone call is in localStorage before its task ends', async () => {
    const analytics = client()
    await new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS + 10))
    const result = analytics.track('Report Exported', { format: 'csv' })
    await Promise.resolve()
    expect(result.ok && storedMessageIds()).toEqual([result.ok && result.event.messageId])
  })

  it('calls in a stream, one per task, are written once per interval, all of them', async () => {
    const analytics = client()
    await new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS + 10))
    const writes = setItemCalls()
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      const result = analytics.track('Scrolled', { depth: i })
      if (result.ok) ids.push(result.event.messageId!)
      await nextTask()
    }
    // The first one led; the others wait for the interval.
    expect(storedMessageIds()).toEqual(ids.slice(0, 1))
    const afterStream = writes.count()
    expect(afterStream).toBeLessThanOrEqual(2)
    await new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS + 10))
    expect(storedMessageIds()).toEqual([...ids].sort())
    expect(writes.count() - afterStream).toBe(1)
  })

  it('leaving the page writes what waits, at once', async () => {
    const analytics = client()
    analytics.track('First')
    await nextTask()
    const second = analytics.track('Second')
    await nextTask()
    expect(storedMessageIds()).not.toContain(second.ok && second.event.messageId)
    window.dispatchEvent(new Event('pagehide'))
    expect(storedMessageIds()).toContain(second.ok && second.event.messageId)
  })

  it('a page turning hidden writes at once, and waits for nothing while hidden', async () => {
    const analytics = client()
    analytics.track('First')
    await nextTask()
    const second = analytics.track('Second')
    await nextTask()
    setVisibility('hidden')
    expect(storedMessageIds()).toContain(second.ok && second.event.messageId)
    // Timers in a hidden tab run once a minute at best: a call made there is written before its task ends.
    const third = analytics.track('Third')
    await Promise.resolve()
    expect(storedMessageIds()).toContain(third.ok && third.event.messageId)
  })

  it('a client started on the same storage (a reload) finds what the first one had not written yet', async () => {
    const first = client()
    first.track('First')
    await nextTask()
    const waiting = first.track('Waiting')
    await nextTask()
    const second = client()
    expect(second.delivery.getState().pending).toBe(2)
    expect(storedMessageIds()).toContain(waiting.ok && waiting.event.messageId)
  })

  it("on a storage of its own (written at the end of each task), a client started in the same task still finds the other one's event", () => {
    const storage = createMemoryStorage()
    const make = () => {
      const made = createAnalytics({
        writeKey: WRITE_KEY,
        apiHost: 'https://api.example/v1',
        fetch: async () => new Response('{}'),
        consent: 'pending',
        storage,
      })
      clients.push(made)
      return made
    }
    make().track('Before the end of the task')
    expect(make().delivery.getState().pending).toBe(1)
  })

  it('the group cookie follows the stored identity; the user id cookie is set at once', async () => {
    const analytics = client()
    analytics.group('ws_1', { name: 'One' })
    await nextTask()
    analytics.identify('user_9')
    analytics.group('ws_2', { name: 'Two' })
    expect(document.cookie).toContain('ajs_user_id=user_9')
    expect(document.cookie).toContain('ajs_group_id=ws_1')
    await new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS + 10))
    expect(document.cookie).toContain('ajs_group_id=ws_2')
    expect(JSON.parse(localStorage.getItem('groupkit.identity')!).state.activeGroupId).toBe('ws_2')
  })
})
