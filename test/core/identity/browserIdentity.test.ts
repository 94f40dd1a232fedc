// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics } from '../../../src/core/index.js'
import type { AnalyticsClient } from '../../../src/core/index.js'
import { UUID_V4 } from '../support/clients.js'

const clients: AnalyticsClient[] = []
function client(options: Parameters<typeof createAnalytics>[0] = { writeKey: 'k', apiHost: null }) {
  const made = createAnalytics(options)
  clients.push(made)
  return made
}

function cookies(): Record<string, string> {
  return Object.fromEntries(
    document.cookie
      .split(/;\s*/)
      .filter(Boolean)
      .map((part) => {
        const eq = part.indexOf('=')
        return [part.slice(0, eq), decodeURIComponent(part.slice(eq + 1))]
      }),
  )
}

function clearCookies() {
  for (const name of Object.keys(cookies())) document.cookie = `${name}=; path=/; max-age=0`
}

// Identity writes are coalesced into one per task: what a reload finds is what storage holds after it.
const endOfTask = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  localStorage.clear()
  clearCookies()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  vi.restoreAllMocks()
})

describe('identity in a browser', () => {
  it('persists to localStorage before the task ends and mirrors the ids to analytics.js cookies', async () => {
    const analytics = client()
    analytics.identify('u1', { email: 'a@x.com' })
    analytics.group('acme', { name: 'ACME' })
    await endOfTask()
    const stored = JSON.parse(localStorage.getItem('groupkit.identity')!)
    expect(stored.version).toBe(1)
    expect(stored.state).toMatchObject({ userId: 'u1', activeGroupId: 'acme', traits: { email: 'a@x.com' } })
    const { anonymousId } = analytics.store.getState()
    expect(anonymousId).toMatch(UUID_V4)
    expect(cookies()).toMatchObject({
      ajs_anonymous_id: anonymousId,
      ajs_user_id: 'u1',
      ajs_group_id: 'acme',
    })
  })

  it('the next page load has the same identity', () => {
    const first = client()
    first.identify('u1')
    const second = client()
    expect(second.store.getState()).toEqual(first.store.getState())
  })

  it('when localStorage and the cookie disagree, the cookie wins (it is what the server sees)', () => {
    client().identify('u1')
    document.cookie = 'ajs_anonymous_id=from-server; path=/'
    const next = client()
    expect(next.store.getState()).toMatchObject({ anonymousId: 'from-server', userId: 'u1' })
    expect(JSON.parse(localStorage.getItem('groupkit.identity')!).state.anonymousId).toBe('from-server')
  })

  it('a different user in the cookie replaces the stored user and forgets their traits and groups', () => {
    const first = client()
    first.identify('alice', { email: 'alice@x.com' })
    first.group('alice-co')
    document.cookie = 'ajs_user_id=bob; path=/'
    const next = client()
    expect(next.store.getState()).toMatchObject({ userId: 'bob', activeGroupId: null })
    expect(next.store.getState().traits).toEqual({})
    expect(next.store.getState().groups).toEqual({})
  })

  it('logout (reset) removes the user and group cookies and writes the new anonymousId', () => {
    const analytics = client()
    analytics.identify('u1')
    analytics.group('acme')
    analytics.reset()
    expect(cookies()).not.toHaveProperty('ajs_user_id')
    expect(cookies()).not.toHaveProperty('ajs_group_id')
    expect(cookies()['ajs_anonymous_id']).toBe(analytics.store.getState().anonymousId)
  })

  it('denying consent wipes localStorage identity and the cookies', async () => {
    const analytics = client()
    analytics.identify('u1', { email: 'a@x.com' })
    analytics.setConsent('denied')
    expect(cookies()).toEqual({})
    await endOfTask()
    expect(JSON.parse(localStorage.getItem('groupkit.identity')!).state).toEqual({ consent: 'denied' })
  })
})

describe('migrating from analytics.js', () => {
  it('keeps the anonymousId, userId, traits and group analytics.js left in localStorage (JSON-quoted)', () => {
    localStorage.setItem('ajs_anonymous_id', JSON.stringify('507f191e810c19729de860ea'))
    localStorage.setItem('ajs_user_id', JSON.stringify('97980cfea0067'))
    localStorage.setItem(
      'ajs_user_traits',
      JSON.stringify({ email: 'peter@initech.com', created_at: '2015-02-23' }),
    )
    localStorage.setItem('ajs_group_id', JSON.stringify('0e8c78ea9d97a7b8185e8632'))
    localStorage.setItem('ajs_group_properties', JSON.stringify({ name: 'Initech', plan: 'enterprise' }))
    const analytics = client()
    expect(analytics.store.getState()).toEqual({
      anonymousId: '507f191e810c19729de860ea',
      userId: '97980cfea0067',
      traits: { email: 'peter@initech.com', createdAt: '2015-02-23' },
      groups: {
        '0e8c78ea9d97a7b8185e8632': {
          id: '0e8c78ea9d97a7b8185e8632',
          traits: { name: 'Initech', plan: 'enterprise', id: '0e8c78ea9d97a7b8185e8632' },
        },
      },
      activeGroupId: '0e8c78ea9d97a7b8185e8632',
      consent: 'granted',
    })
  })

  it('reads the ids from analytics.js cookies too (raw values), the cookie first', () => {
    document.cookie = 'ajs_anonymous_id=anon-cookie; path=/'
    document.cookie = `ajs_user_id=${encodeURIComponent('"user-cookie"')}; path=/`
    localStorage.setItem('ajs_anonymous_id', JSON.stringify('anon-local'))
    const analytics = client()
    expect(analytics.store.getState()).toMatchObject({ anonymousId: 'anon-cookie', userId: 'user-cookie' })
  })

  it('reads analytics.js keys only on the first start', () => {
    const first = client()
    const anonymousId = first.store.getState().anonymousId
    localStorage.setItem('ajs_user_id', JSON.stringify('late'))
    expect(client().store.getState()).toMatchObject({ anonymousId, userId: null })
  })
})

describe('cross-tab', () => {
  it('a login and a logout in one tab reach the other through the storage event', () => {
    const tabA = client()
    const tabB = client()
    tabA.identify('u1')
    // jsdom, like browsers, raises `storage` only in other documents: deliver it as the other tab would get it
    window.dispatchEvent(new StorageEvent('storage', { key: 'groupkit.identity' }))
    expect(tabB.store.getState().userId).toBe('u1')
    tabA.reset()
    window.dispatchEvent(new StorageEvent('storage', { key: 'groupkit.identity' }))
    expect(tabB.store.getState()).toMatchObject({
      userId: null,
      anonymousId: tabA.store.getState().anonymousId,
    })
  })

  it('a group call sent in one tab is not sent again by the other', async () => {
    const tabA = client()
    const tabB = client()
    expect(tabA.group('acme', { name: 'ACME' })).toMatchObject({ ok: true, sent: true })
    await endOfTask()
    window.dispatchEvent(new StorageEvent('storage', { key: 'groupkit.identity' }))
    expect(tabB.group('acme', { name: 'ACME' })).toMatchObject({ ok: true, sent: false })
    expect(tabB.group('acme', { name: 'ACME', plan: 'pro' })).toMatchObject({ ok: true, sent: true })
  })

  it('ignores storage events for other keys', () => {
    const tabB = client()
    const state = tabB.store.getState()
    window.dispatchEvent(new StorageEvent('storage', { key: 'something.else' }))
    expect(tabB.store.getState()).toBe(state)
  })

  it('with cookie storage, writes are announced on a BroadcastChannel', async () => {
    const tabA = client({ writeKey: 'k', apiHost: null, storage: 'cookie' })
    const tabB = client({ writeKey: 'k', apiHost: null, storage: 'cookie' })
    tabA.identify('u-cookie')
    await vi.waitFor(() => expect(tabB.store.getState().userId).toBe('u-cookie'))
  })

  it('a consent denial in one tab stops the other from collecting', () => {
    const tabA = client()
    const tabB = client()
    tabA.setConsent('denied')
    window.dispatchEvent(new StorageEvent('storage', { key: 'groupkit.identity' }))
    expect(tabB.store.getState().consent).toBe('denied')
    expect(tabB.track('x')).toMatchObject({ ok: false, error: { code: 'dropped' } })
  })
})
