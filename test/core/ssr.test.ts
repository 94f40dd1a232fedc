// Runs in Node with no window and no document, as a server render does.
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('on a server (no window)', () => {
  it('imports, creates and takes every call without throwing, keeps identity in memory and sends nothing', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const fetch = vi.fn(async () => new Response('{}'))
    vi.stubGlobal('fetch', fetch)
    vi.resetModules()
    const { createAnalytics } = await import('../../src/core/index.js')
    // the defaults: Segment's API, localStorage-in-a-browser storage
    const client = createAnalytics({ writeKey: 'wk_live' })
    expect(client.identify('u1', { email: 'a@x.com' }).ok).toBe(true)
    expect(client.group('acme', { name: 'ACME' }).ok).toBe(true)
    expect(client.track('Rendered').ok).toBe(true)
    expect(client.page('Home').ok).toBe(true)
    client.reset()
    await client.flush()
    await new Promise((resolve) => setTimeout(resolve, 20))
    await client.close()
    expect(fetch).not.toHaveBeenCalled()
    expect(client.delivery.getState()).toMatchObject({ pending: 0, inFlight: 0, sending: false })
  })

  it('two server clients share nothing (memory storage per client)', async () => {
    const { createAnalytics } = await import('../../src/core/index.js')
    const a = createAnalytics({ writeKey: 'k' })
    const b = createAnalytics({ writeKey: 'k' })
    a.identify('alice')
    expect(b.store.getState().userId).toBeNull()
    expect(a.store.getState().anonymousId).not.toBe(b.store.getState().anonymousId)
  })

  it('server events carry what can be known there: library and timezone, no page', async () => {
    const { createAnalytics, createMemoryDestination } = await import('../../src/core/index.js')
    const destination = createMemoryDestination()
    const client = createAnalytics({ writeKey: 'k', apiHost: null, plugins: [destination.plugin] })
    client.track('x')
    expect(destination.events[0]?.context).toEqual({
      library: { name: 'groupkit', version: '0.1.0' },
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    })
  })
})
